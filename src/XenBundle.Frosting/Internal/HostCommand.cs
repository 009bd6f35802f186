using Cake.Cli;
using Cake.Cli.Infrastructure;
using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Scripting;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using XenBundle.Frosting.Output;
using Spectre.Console.Cli;

namespace XenBundle.Frosting.Internal;

/// <summary>
/// The one command of the host: builds the services, the Cake context and engine,
/// registers the tasks and runs the targets through the script host that the
/// options ask for (dry run, tree, description or a real build, in that order).
/// </summary>
internal sealed class HostCommand(HostCommand.Dependencies dependencies) : Command<HostSettings>
{
    internal sealed record Dependencies(IServiceCollection Services, string? WorkingDirectory, HostDescription Description);

    public override int Execute(CommandContext context, HostSettings settings, CancellationToken cancellationToken)
    {
        var services = dependencies.Services;
        var arguments = context.Remaining.ToCakeArguments(settings.Targets, null);
        services.AddSingleton<ICakeArguments>(arguments);
        AddCakeServices(services, arguments);

        using var provider = services.BuildServiceProvider();
        var log = provider.GetRequiredService<ICakeLog>();
        log.Verbosity = settings.Verbosity;
        try
        {
            if (settings.Version)
            {
                Console.Out.WriteLine($"{dependencies.Description.Product} {dependencies.Description.Version} (Cake {typeof(ICakeContext).Assembly.GetName().Version})");
                return ExitCodes.Success;
            }

            if (settings.Info)
            {
                provider.GetRequiredService<InfoFeature>().Run(provider.GetRequiredService<IConsole>());
                return ExitCodes.Success;
            }

            SetWorkingDirectory(provider, settings);
            return Run(provider, settings, log);
        }
        catch (Exception ex)
        {
            var handler = provider.GetService<IFrostingErrorHandler>();
            var inner = Unwrap(ex);
            return handler?.Handle(inner) ?? ExceptionLogger.LogException(log, inner);
        }
    }

    private static int Run(ServiceProvider provider, HostSettings settings, ICakeLog log)
    {
        var engine = provider.GetRequiredService<ICakeEngine>();
        var frostingContext = provider.GetRequiredService<IFrostingContext>();
        var registrar = new TaskRegistrar(engine, frostingContext, log);
        registrar.Register(provider.GetServices<IFrostingTask>());
        registrar.Register(provider.GetService<IFrostingLifetime>());

        var known = engine.Tasks.Select(t => t.Name).ToList();
        foreach (var target in settings.Targets)
        {
            if (!known.Contains(target, StringComparer.OrdinalIgnoreCase))
            {
                ConsoleText.WriteErrorLine($"error: --target: no task '{target}'; targets: {string.Join(", ", known.Order(StringComparer.Ordinal))}");
                return ExitCodes.BadUsage;
            }
        }

        var host = ChooseHost(provider, settings, engine, frostingContext, log);
        if (settings.Exclusive)
        {
            host.Settings.UseExclusiveTarget();
        }

        host.RunTargets(settings.Targets);
        return ExitCodes.Success;
    }

    private static IScriptHost ChooseHost(ServiceProvider provider, HostSettings settings, ICakeEngine engine, IFrostingContext context, ICakeLog log)
    {
        if (settings.DryRun)
        {
            return new DryRunScriptHost<IFrostingContext>(engine, context, log);
        }

        if (settings.Tree)
        {
            return new TreeScriptHost(engine, context, provider.GetRequiredService<IConsole>());
        }

        if (settings.Description)
        {
            return new DescriptionScriptHost(engine, context, AnsiConsole.Console);
        }

        var printer = provider.GetRequiredService<ICakeReportPrinter>();
        var strategy = new DefaultExecutionStrategy(log, printer);
        return new BuildScriptHost<IFrostingContext>(engine, strategy, context, printer, provider.GetRequiredService<ICakeConfiguration>(), log);
    }

    private void SetWorkingDirectory(ServiceProvider provider, HostSettings settings)
    {
        var environment = provider.GetRequiredService<ICakeEnvironment>();
        var fileSystem = provider.GetRequiredService<IFileSystem>();
        var path = settings.WorkingDirectory ?? dependencies.WorkingDirectory;
        if (path is null)
        {
            return;
        }

        var directory = new DirectoryPath(path).MakeAbsolute(environment);
        if (!fileSystem.Exist(directory))
        {
            throw new CakeException(ExitCodes.BadUsage, $"--working: no such directory: {directory.FullPath}");
        }

        environment.WorkingDirectory = directory;
    }

    private static void AddCakeServices(IServiceCollection services, CakeArguments arguments)
    {
        services.AddCakeDiagnostics();
        // The console boundary: every log line escaped, no colour codes off a terminal.
        services.AddSingleton<ICakeLog, ConsoleLog>();
        services.AddSingleton<IConsole>(provider => new PlainConsole(new CakeConsole(provider.GetRequiredService<ICakeEnvironment>())));
        services.UseCakeDefaultModules();
        DeferredPackageInstaller.Defer(services);
        services.AddSingleton<ICakeReportPrinter, CakeReportPrinter>();
        services.AddSingleton<IVersionResolver, VersionResolver>();
        services.AddSingleton<InfoFeature>();

        // Read lazily: cake.config is looked up in the working directory, which is set first.
        services.AddSingleton(provider =>
            new CakeConfigurationProvider(provider.GetRequiredService<IFileSystem>(), provider.GetRequiredService<ICakeEnvironment>())
                .CreateConfiguration(
                    provider.GetRequiredService<ICakeEnvironment>().WorkingDirectory,
                    arguments.GetArguments().ToDictionary(a => a.Key, a => a.Value.LastOrDefault() ?? string.Empty, StringComparer.OrdinalIgnoreCase)));
    }

    private static Exception Unwrap(Exception exception)
    {
        while (true)
        {
            switch (exception)
            {
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
                case System.Reflection.TargetInvocationException { InnerException: { } inner }:
                    exception = inner;
                    continue;
                case CakeReportException { InnerException: { } reported }:
                    // The engine wraps a failed task's exception together with the report so far.
                    exception = reported;
                    continue;
                default:
                    return exception;
            }
        }
    }
}
