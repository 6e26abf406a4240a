using System.Text;

namespace SeaTable.Tests.Infrastructure;

/// <summary>Lines from a process's output events, collected across threads.</summary>
public sealed class ProcessOutput
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
        }
    }

    public string All() => Tail(int.MaxValue);

    public string Tail(int count)
    {
        lock (_gate)
        {
            var text = new StringBuilder();
            foreach (var line in _lines.Skip(Math.Max(0, _lines.Count - count)))
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }
}
