using Berth.Api.Models.Containers;

namespace Berth.Engine.Containers.Spec;

// Docker's restart policies: "no", "always", "unless-stopped", "on-failure[:N]" (--restart) and their checks.
public static class RestartPolicies
{
    public static RestartPolicy Parse(string text)
    {
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon];
        var policy = new RestartPolicy { Name = name };
        if (colon >= 0)
        {
            if (!int.TryParse(text[(colon + 1)..], out var n))
                throw new ContainerSpecException($"invalid restart policy format: maximum retry count must be an integer");
            policy.MaximumRetryCount = n;
        }
        Validate(policy);
        return policy;
    }

    public static void Validate(RestartPolicy? policy)
    {
        if (policy is null) return;
        switch (policy.Name ?? "")
        {
            case "" or "no" or "always" or "unless-stopped":
                if (policy.MaximumRetryCount != 0)
                    throw new ContainerSpecException($"invalid restart policy: maximum retry count can only be used with 'on-failure'");
                break;
            case "on-failure":
                if (policy.MaximumRetryCount < 0)
                    throw new ContainerSpecException("invalid restart policy: maximum retry count cannot be negative");
                break;
            default:
                throw new ContainerSpecException($"invalid restart policy: unknown policy '{policy.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'");
        }
    }
}
