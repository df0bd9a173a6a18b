using Berth.Api.Models.Containers;

namespace Berth.Engine.Containers.Restart;

// Whether a container that ended restarts under its policy, as dockerd's restart manager decides.
public static class RestartDecision
{
    // manuallyStopped: a user stopped or killed it (or the daemon is shutting down); restartCount: the restarts the
    // current policy run has made so far.
    public static bool ShouldRestart(RestartPolicy? policy, int exitCode, bool manuallyStopped, int restartCount) =>
        (policy?.Name ?? "") switch
        {
            "always" => true,
            "unless-stopped" => !manuallyStopped,
            // A maximum of 0 means no limit.
            "on-failure" => exitCode != 0 && (policy!.MaximumRetryCount == 0 || restartCount < policy.MaximumRetryCount),
            _ => false,
        };

    public static bool HasPolicy(RestartPolicy? policy) => (policy?.Name ?? "") is not ("" or "no");
}
