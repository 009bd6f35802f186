using Build;
using Cake.XenBundle;
using XenBundle;
using XenBundle.Frosting;

// The directory the user ran build.sh from: paths given on the command line are relative to it.
using var signals = new InterruptSignals();

var callerDirectory = Environment.GetEnvironmentVariable("XENBUNDLE_CALLER_DIR") is { Length: > 0 } caller ? caller : Directory.GetCurrentDirectory();
BuildContext.CallerDirectory = Path.GetFullPath(callerDirectory);

var host = CakeHost.Create()
    .UseContext<BuildContext>()
    .UseLifetime<BuildLifetime>()
    .UseErrorHandler<ErrorHandler>()
    .UseWorkingDirectory(RepositoryRoot.Find())
    .UseProduct("XenBundle", ThisAssembly.Version, "Turns a kickstart CD and distribution media into a bundle for a Xen Domain-0.");
foreach (var (usage, description) in XenBundleOptions.HelpLines())
{
    host.AddOption(usage, description);
}

host.AddHelpSection("EXIT CODES:", string.Join("\n", ExitCode.Meanings.Select(m => $"{m.Code,-4} {m.Meaning}")));
host.AddHelpSection("EXAMPLES:", "./build.sh\n./build.sh --target=XenBundle --recipe=recipes/acme-web\n./build.sh --recipe=all --release-version=1.4.0-ci.57\n./build.sh --target=ExtractIso --iso=DISC.iso --output=DIR\n./build.sh --tree");
var exitCode = host.Run(args);

// A signal that came after the last step still ends the run as interrupted (the artifacts made before it are whole).
if (Interruption.Reason is { } interrupted)
{
    InterruptSignals.Report(interrupted);
    exitCode = interrupted.ExitCodeValue;
}

// Lines that must come last, after Cake's task summary (the test count CI reads).
foreach (var line in BuildContext.Epilogue)
{
    Console.Out.WriteLine(line);
}

return exitCode;
