using System.Globalization;
using Cake.Core.Diagnostics;

namespace XenBundle.Frosting.Output;

/// <summary>
/// The build's log on the console, in place of Cake's: the one place every log line passes,
/// at any verbosity, so that values quoted in it are escaped here (<see cref="ConsoleText"/>)
/// and nowhere else. Errors go to stderr, the rest to stdout, coloured only on a terminal.
/// Cake's engine announces a failed task (<c>An error occurred when executing task 'X'.</c>)
/// before it rethrows; the error handler prints that failure as the one <c>error:</c> line,
/// so the announcement is left out.
/// </summary>
public sealed class ConsoleLog : ICakeLog
{
    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (verbosity > Verbosity || IsEngineFailureNotice(level, format))
        {
            return;
        }

        var text = ConsoleText.Escape(args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : Unescape(format));
        if (level <= LogLevel.Error)
        {
            System.Console.Error.WriteLine(Terminal.ColoursOnError ? $"\e[31m{text}\e[0m" : text);
        }
        else
        {
            System.Console.Out.WriteLine(level == LogLevel.Warning && Terminal.ColoursOnOutput ? $"\e[33m{text}\e[0m" : text);
        }
    }

    // The engine's lines that precede the exception it rethrows: "An error occurred when
    // executing task '{0}'.", "... in a custom teardown action." and the like.
    private static bool IsEngineFailureNotice(LogLevel level, string format) =>
        level <= LogLevel.Error && format.StartsWith("An error occurred ", StringComparison.Ordinal);

    // Callers write messages as composite formats (braces doubled); without arguments the
    // doubled braces still stand for one.
    private static string Unescape(string format) =>
        format.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);
}
