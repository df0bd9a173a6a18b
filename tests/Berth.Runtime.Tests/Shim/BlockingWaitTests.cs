using Berth.Runtime.Shim;

namespace Berth.Runtime.Tests.Shim;

public class BlockingWaitTests
{
    [Fact]
    public void The_result_of_a_task_another_thread_completes_is_returned()
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var completer = new Thread(() => source.SetResult(42));
        completer.Start();
        Assert.Equal(42, BlockingWait.Result(source.Task));
        completer.Join();
    }

    [Fact]
    public void A_fault_is_thrown_as_itself()
    {
        var source = new TaskCompletionSource<int>();
        new Thread(() => source.SetException(new IOException("gone"))).Start();
        Assert.Equal("gone", Assert.Throws<IOException>(() => BlockingWait.Result(source.Task)).Message);
    }

    [Fact]
    public void A_task_that_does_not_end_in_time_gives_false()
    {
        var never = new TaskCompletionSource();
        Assert.False(BlockingWait.Block(never.Task, TimeSpan.FromMilliseconds(20)));
        Assert.True(BlockingWait.Block(Task.CompletedTask, TimeSpan.Zero));
    }
}
