using System.Diagnostics;
using System.Globalization;
using XenBundle.Media;
using XenBundle.Pipeline;

namespace Cake.XenBundle;

/// <summary>
/// Progress of a long operation: a bar redrawn in place on an interactive terminal,
/// a plain line every few seconds on stdout otherwise (CI logs), and a last line when done.
/// </summary>
public sealed class ConsoleProgress : IOperationProgress
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan BarInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _operation;
    private readonly long _total;
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastDrawn = TimeSpan.Zero;
    private long _done;

    public ConsoleProgress(string operation, long total, TextWriter? output = null, bool? interactive = null)
    {
        // Progress is written to the console directly, not through the log: it names an
        // image as the user's path spells it, so it is escaped here as the log escapes its lines.
        _operation = global::XenBundle.Tree.TreePath.Printable(operation);
        _total = Math.Max(total, 1);
        _interactive = interactive ?? (!Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"));

        // The bar is redrawn on the terminal's stderr; plain lines are part of the log, on
        // stdout: redirected, stderr holds nothing but the one error line of a failure.
        _output = output ?? (_interactive ? Console.Error : Console.Out);
    }

    public void Report(long value)
    {
        _done += value;
        var now = _clock.Elapsed;
        if (now - _lastDrawn < (_interactive ? BarInterval : PlainInterval))
        {
            return;
        }

        _lastDrawn = now;
        Draw(final: false);
    }

    public void Dispose()
    {
        if (_clock.Elapsed > TimeSpan.FromSeconds(1) || _interactive)
        {
            Draw(final: true);
        }
    }

    private void Draw(bool final)
    {
        var fraction = Math.Min(1.0, (double)_done / _total);
        var rate = _done / Math.Max(_clock.Elapsed.TotalSeconds, 0.001) / (1 << 20);
        var figures = string.Format(CultureInfo.InvariantCulture, "{0,3:0}% {1:0} MiB of {2:0} MiB, {3:0} MiB/s", fraction * 100, _done / (double)(1 << 20), _total / (double)(1 << 20), rate);
        if (_interactive)
        {
            const int width = 30;
            var filled = (int)(fraction * width);
            _output.Write($"\r{_operation} [{new string('#', filled)}{new string('.', width - filled)}] {figures}");
            if (final)
            {
                _output.WriteLine();
            }
        }
        else
        {
            _output.WriteLine($"{_operation}: {figures}");
        }

        _output.Flush();
    }
}
