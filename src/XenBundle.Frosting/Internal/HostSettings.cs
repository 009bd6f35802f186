using System.ComponentModel;
using Cake.Cli;
using Cake.Core.Diagnostics;
using Spectre.Console.Cli;

namespace XenBundle.Frosting.Internal;

/// <summary>Cake's standard command-line options, as Cake.Frosting defines them.</summary>
internal sealed class HostSettings : CommandSettings
{
    [CommandOption("--target|-t <TARGET>")]
    [DefaultValue("Default")]
    [Description("Target task to invoke.")]
    public string[] Targets { get; set; } = ["Default"];

    [CommandOption("--working|-w <PATH>")]
    [Description("Sets the working directory.")]
    public string? WorkingDirectory { get; set; }

    [CommandOption("--verbosity|-v <VERBOSITY>")]
    [TypeConverter(typeof(VerbosityConverter))]
    [DefaultValue(Verbosity.Normal)]
    [Description("Quiet, Minimal, Normal, Verbose or Diagnostic.")]
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    [CommandOption("--description|--descriptions|--showdescription|--showdescriptions")]
    public bool Description { get; set; }

    [CommandOption("--tree|--showtree")]
    public bool Tree { get; set; }

    [CommandOption("--dryrun|--noop|--whatif")]
    public bool DryRun { get; set; }

    [CommandOption("--exclusive|-e")]
    public bool Exclusive { get; set; }

    [CommandOption("--version|--ver")]
    public bool Version { get; set; }

    [CommandOption("--info")]
    public bool Info { get; set; }
}
