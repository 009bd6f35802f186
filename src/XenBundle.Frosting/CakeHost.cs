using System.Reflection;
using Cake.Cli;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;
using XenBundle.Frosting.Internal;
using XenBundle.Frosting.Output;

namespace XenBundle.Frosting;

/// <summary>
/// The entry point of a Frosting build: collects tasks, context and lifetime,
/// parses the command line and runs the targets on the real Cake engine.
/// </summary>
public sealed class CakeHost
{
    private readonly IServiceCollection _services = new ServiceCollection();
    private readonly HostDescription _description = new();
    private string? _workingDirectory;

    private CakeHost()
    {
    }

    public static CakeHost Create() => new();

    public CakeHost UseContext<T>()
        where T : class, IFrostingContext
    {
        _services.AddSingleton<T>();
        _services.AddSingleton<IFrostingContext>(provider => provider.GetRequiredService<T>());
        return this;
    }

    public CakeHost UseLifetime<T>()
        where T : class, IFrostingLifetime
    {
        _services.AddSingleton<IFrostingLifetime, T>();
        return this;
    }

    /// <summary>The working directory, relative to the process's current directory.</summary>
    public CakeHost UseWorkingDirectory(string path)
    {
        _workingDirectory = path;
        return this;
    }

    /// <summary>What <c>--version</c> prints and <c>--help</c> names.</summary>
    public CakeHost UseProduct(string name, string version, string summary)
    {
        _description.Product = name;
        _description.Version = version;
        _description.Summary = summary;
        return this;
    }

    /// <summary>Documents a pipeline option (read with <c>context.Argument</c>) in <c>--help</c>.</summary>
    public CakeHost AddOption(string usage, string description)
    {
        _description.Options.Add((usage, description));
        return this;
    }

    /// <summary>Adds free text (exit codes, examples) at the end of <c>--help</c>.</summary>
    public CakeHost AddHelpSection(string title, string text)
    {
        _description.Sections.Add((title, text));
        return this;
    }

    /// <summary>Turns a failure into the process exit code (and prints it).</summary>
    public CakeHost UseErrorHandler<T>()
        where T : class, IFrostingErrorHandler
    {
        _services.AddSingleton<IFrostingErrorHandler, T>();
        return this;
    }

    public int Run(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var argv = args.ToArray();
        if (argv.Any(a => a is "--help" or "-h" or "-?"))
        {
            HelpWriter.Write(Console.Out, _description);
            return 0;
        }

        if (CommandLineCheck.Problem(argv) is { } problem)
        {
            ConsoleText.WriteErrorLine(problem);
            return ExitCodes.BadUsage;
        }

        // The tasks are the build's own: the classes of the program that runs the host.
        foreach (var task in TaskDiscovery.Find(Assembly.GetEntryAssembly()))
        {
            _services.AddSingleton(typeof(IFrostingTask), task);
        }

        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(HostCommand.Dependencies), new HostCommand.Dependencies(_services, _workingDirectory, _description));
        var app = new CommandApp<HostCommand>(registrar);
        app.Configure(config =>
        {
            // Unknown --name=value options reach the build as Cake arguments.
            config.Settings.ConvertFlagsToRemainingArguments = true;
            config.Settings.ApplicationName = "build.sh";
            config.PropagateExceptions();
        });

        try
        {
            return app.Run(argv);
        }
        catch (Exception ex) when (ex is CommandParseException or CommandRuntimeException)
        {
            ConsoleText.WriteErrorLine("error: " + ex.Message + " (see --help)");
            return ExitCodes.BadUsage;
        }
    }
}
