using System.Text;

namespace Berth.Cli.Formatting;

// The order docker's lists use (github.com/fvbommel/sortorder NaturalLess): runs of digits compare as numbers
// ("net2" before "net10"), digits before other characters, everything else bytewise in UTF-8.
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return Less(x, y) ? -1 : Less(y, x) ? 1 : 0;
    }

    public static bool Less(string left, string right)
    {
        var a = Encoding.UTF8.GetBytes(left);
        var b = Encoding.UTF8.GetBytes(right);
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            bool digitA = IsDigit(a[i]), digitB = IsDigit(b[j]);
            if (digitA != digitB) return digitA;
            if (!digitA)
            {
                if (a[i] != b[j]) return a[i] < b[j];
                i++;
                j++;
                continue;
            }
            while (i < a.Length && a[i] == '0') i++;
            while (j < b.Length && b[j] == '0') j++;
            int startA = i, startB = j;
            while (i < a.Length && IsDigit(a[i])) i++;
            while (j < b.Length && IsDigit(b[j])) j++;
            if (i - startA != j - startB) return i - startA < j - startB;
            var order = a.AsSpan(startA, i - startA).SequenceCompareTo(b.AsSpan(startB, j - startB));
            if (order != 0) return order < 0;
            // Equal numbers: the one written with fewer leading zeros sorts first.
            if (startA != startB) return startA < startB;
        }
        return a.Length < b.Length;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
}
