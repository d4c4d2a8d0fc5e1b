using System.Diagnostics;
using GeoFlowNetSar.Core.Telemetry;

namespace GeoFlowNetSar.Grains.Contracts;

/// <summary>
/// How a client submits a scene: inside a scene.submit span, which Orleans' activity propagation carries into the
/// silos, so the scene's spans (scene.run, tiles, stitch, uploads) join the client's trace.
/// </summary>
public static class SceneSubmission
{
    public static async Task<SceneStatus> SubmitSceneAsync(this IGrainFactory grains, SceneRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = GeoFlowTelemetry.Source.StartActivity(SpanNames.SceneSubmit, ActivityKind.Client);
        activity?.SetTag(TagNames.Scene, request.SceneId);
        activity?.SetTag(TagNames.Method, request.Method);
        activity?.SetTag("geoflownet.pre", request.PreBlob);
        activity?.SetTag("geoflownet.post", request.PostBlob);
        try
        {
            var status = await grains.GetGrain<ISceneGrain>(request.SceneId).Submit(request);
            activity?.SetTag(TagNames.State, status.State.ToString());
            return status;
        }
        catch (Exception error)
        {
            activity.RecordError(error);
            throw;
        }
    }
}
