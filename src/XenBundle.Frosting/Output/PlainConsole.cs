using Cake.Core;

namespace XenBundle.Frosting.Output;

/// <summary>
/// Cake's console (the task headers and the summary table) with colours only on a terminal:
/// Cake decides from TERM alone and writes colour codes into files and CI logs.
/// </summary>
public sealed class PlainConsole(IConsole inner) : IConsole
{
    private readonly bool _colours = Terminal.ColoursOnOutput && Terminal.ColoursOnError;

    public ConsoleColor ForegroundColor
    {
        get => inner.ForegroundColor;
        set
        {
            if (_colours)
            {
                inner.ForegroundColor = value;
            }
        }
    }

    public ConsoleColor BackgroundColor
    {
        get => inner.BackgroundColor;
        set
        {
            if (_colours)
            {
                inner.BackgroundColor = value;
            }
        }
    }

    public bool SupportAnsiEscapeCodes => _colours && inner.SupportAnsiEscapeCodes;

    public void Write(string format, params object[] arg) => inner.Write(format, arg);

    public void Write(string value) => inner.Write(value);

    public void WriteLine(string format, params object[] arg) => inner.WriteLine(format, arg);

    public void WriteLine(string value) => inner.WriteLine(value);

    public void WriteError(string format, params object[] arg) => inner.WriteError(format, arg);

    public void WriteError(string value) => inner.WriteError(value);

    public void WriteErrorLine(string format, params object[] arg) => inner.WriteErrorLine(format, arg);

    public void WriteErrorLine(string value) => inner.WriteErrorLine(value);

    public void ResetColor()
    {
        if (_colours)
        {
            inner.ResetColor();
        }
    }
}
