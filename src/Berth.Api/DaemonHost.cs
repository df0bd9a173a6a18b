using System.Runtime.InteropServices;
using Berth.Api.Endpoints;
using Berth.Api.Endpoints.Containers;
using Berth.Api.Endpoints.Exec;
using Berth.Api.Endpoints.Images;
using Berth.Api.Endpoints.Volumes;
using Berth.Api.Endpoints.Networks;
using Berth.Api.Http;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Images;
using Berth.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Berth.Api;

// Serves the Engine API with Kestrel on the daemon's unix sockets until SIGTERM/SIGINT.
public sealed class DaemonHost(DaemonEngine engine, ImageStore images, ContainerService containers, DaemonLog log)
{
    private const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    public async Task<int> RunAsync()
    {
        // DaemonMain has checked them (Listeners.Prepare) before the engine started.
        var sockets = engine.Options.EffectiveHosts.Select(Listeners.SocketPath).ToList();

        using var stopping = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);

        var routes = new RouteTable();
        new SystemEndpoints(engine).Register(routes);
        new EventsEndpoint(engine).Register(routes);
        var imageOperations = new ImageOperations(images, engine.Events);
        new ImageEndpoints(images, imageOperations).Register(routes);
        new ImageTransferEndpoints(imageOperations).Register(routes);
        new SystemDfEndpoint(images, containers.Volumes).Register(routes);
        new SystemCheckEndpoint(images).Register(routes);
        new BuildCacheEndpoint().Register(routes);
        string? ResolveImage(string reference)
        {
            try { return images.Resolve(reference).ToString(); }
            catch (ImageNotFoundException) { return null; }
        }
        new ContainerEndpoints(containers, ResolveImage).Register(routes);
        new ContainerStreamEndpoints(containers).Register(routes);
        new ContainerInfoEndpoints(containers).Register(routes);
        new ExecEndpoints(containers).Register(routes);
        new VolumeEndpoints(containers.Volumes).Register(routes);
        new NetworkEndpoints(containers.Networks).Register(routes);
        new ContainerArchiveEndpoints(containers).Register(routes);
        var dispatcher = new ApiDispatcher(routes, stopping.Token, log.Error);

        // The empty builder brings no configuration sources, logging providers or routing: the daemon has its own
        // flags, log and route table, and starts faster without them.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            foreach (var socket in sockets)
                k.ListenUnixSocket(socket, l =>
                {
                    l.Protocols = HttpProtocols.Http1;
                    l.Use(UpgradeBodyMiddleware.Wrap);
                });
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        await using var app = builder.Build();
        app.Run(dispatcher.Handle);

        await app.StartAsync();
        foreach (var socket in sockets)
            File.SetUnixFileMode(socket, SocketMode);
        log.Info($"API listen on {string.Join(", ", sockets)}");
        log.Info($"Daemon has completed initialization (data root {engine.Options.DataRoot}, exec root {engine.Options.ExecRoot})");

        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException) { }

        log.Info("Processing signal, shutting down");
        containers.Shutdown();
        await app.StopAsync();
        foreach (var socket in sockets)
        {
            try { File.Delete(socket); } catch (IOException) { }
        }
        log.Info("Daemon shutdown complete");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopping.Cancel();
        }
    }
}
