using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>Column alignment with the semantics of Go's text/tabwriter (flags 0): text is cut
/// into cells at '\t'; a line's last cell is never aligned; consecutive lines that share a
/// column form a block whose width is the widest cell plus padding (at least minwidth).
/// Docker tables use <c>new TabWriter(10, 1, 3, ' ')</c>.</summary>
public sealed class TabWriter(int minWidth = 10, int tabWidth = 1, int padding = 3, char padChar = ' ')
{
    private readonly record struct Cell(string Text, int Width);

    private readonly StringBuilder _output = new();
    private readonly List<List<Cell>> _lines = [[]];
    private readonly StringBuilder _cell = new();
    private readonly List<int> _widths = [];

    /// <summary>Docker's table writer parameters.</summary>
    public static TabWriter ForDockerTable() => new(10, 1, 3, ' ');

    public void Write(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\t':
                case '\v':
                    TerminateCell();
                    break;
                case '\n':
                case '\f':
                {
                    TerminateCell();
                    _lines.Add([]);
                    // A line with a single cell cannot affect later alignment, so Go flushes
                    // here; a form feed always flushes.
                    if (c == '\f' || _lines[^2].Count == 1) FormatBuffered();
                    break;
                }
                default:
                    _cell.Append(c);
                    break;
            }
        }
    }

    /// <summary>Formats everything buffered and returns all output produced so far.</summary>
    public string Flush()
    {
        if (_cell.Length > 0) TerminateCell();
        FormatBuffered();
        var s = _output.ToString();
        _output.Clear();
        return s;
    }

    private void FormatBuffered()
    {
        Format(0, _lines.Count);
        _lines.Clear();
        _lines.Add([]);
    }

    private void TerminateCell()
    {
        var text = _cell.ToString();
        _lines[^1].Add(new Cell(text, text.EnumerateRunes().Count()));
        _cell.Clear();
    }

    // Each recursion level handles one column: it splits [line0, line1) into blocks of lines
    // that have a cell in this column, sizes the block, and recurses for the next column.
    private void Format(int line0, int line1)
    {
        var column = _widths.Count;
        for (var i = line0; i < line1; i++)
        {
            if (column >= _lines[i].Count - 1) continue;
            WriteLines(line0, i);
            line0 = i;
            var width = minWidth;
            for (; i < line1; i++)
            {
                var line = _lines[i];
                if (column >= line.Count - 1) break;
                width = Math.Max(width, line[column].Width + padding);
            }
            _widths.Add(width);
            Format(line0, i);
            _widths.RemoveAt(_widths.Count - 1);
            line0 = i;
        }
        WriteLines(line0, line1);
    }

    private void WriteLines(int line0, int line1)
    {
        for (var i = line0; i < line1; i++)
        {
            var line = _lines[i];
            for (var j = 0; j < line.Count; j++)
            {
                var c = line[j];
                _output.Append(c.Text);
                if (j < _widths.Count) WritePadding(c.Width, _widths[j]);
            }
            // The last buffered line is the open one; it gets no newline.
            if (i + 1 < _lines.Count) _output.Append('\n');
        }
    }

    private void WritePadding(int textWidth, int cellWidth)
    {
        if (padChar == '\t')
        {
            if (tabWidth == 0) return;
            cellWidth = (cellWidth + tabWidth - 1) / tabWidth * tabWidth;
            _output.Append('\t', (cellWidth - textWidth + tabWidth - 1) / tabWidth);
            return;
        }
        _output.Append(padChar, cellWidth - textWidth);
    }
}
