namespace Berth.Engine.Containers.Spec;

// The process environment as dockerd builds it: PATH, HOSTNAME and TERM first, then the image's
// variables, then the request's, a later KEY replacing an earlier one in place.
public static class EnvironmentBuilder
{
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static List<string> Build(IEnumerable<string>? imageEnv, IEnumerable<string>? requestEnv, string hostname, bool tty)
    {
        var env = new List<string>();
        var image = imageEnv?.ToList() ?? [];
        var request = requestEnv?.ToList() ?? [];
        if (!image.Concat(request).Any(e => Key(e) == "PATH")) env.Add(DefaultPath);
        env.Add("HOSTNAME=" + hostname);
        if (tty) env.Add("TERM=xterm");
        foreach (var e in image.Concat(request)) ReplaceOrAppend(env, e);
        return env;
    }

    private static void ReplaceOrAppend(List<string> env, string entry)
    {
        var key = Key(entry);
        // "KEY" without '=' unsets KEY in Docker (the CLI resolves it from the client's environment before sending).
        var i = env.FindIndex(e => Key(e) == key);
        if (!entry.Contains('='))
        {
            if (i >= 0) env.RemoveAt(i);
            return;
        }
        if (i >= 0) env[i] = entry;
        else env.Add(entry);
    }

    private static string Key(string entry)
    {
        var eq = entry.IndexOf('=');
        return eq < 0 ? entry : entry[..eq];
    }
}
