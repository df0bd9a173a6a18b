using System.Text.RegularExpressions;

namespace Berth.Engine.Containers;

// Docker's rule for a container name: [a-zA-Z0-9][a-zA-Z0-9_.-]+, given with or without its leading '/'.
public static partial class ContainerNames
{
    [GeneratedRegex("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex Valid();

    // The name without its '/'; throws Docker's message for one that breaks the rule.
    public static string Validate(string name)
    {
        if (!Valid().IsMatch(name))
            throw new ContainerException(400, $"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        return name.TrimStart('/');
    }
}
