using ChangeMgmt.Lambda.Endpoints;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>Turns domain exceptions into problem details; anything else is a logged 500.</summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            IResult result;
            try { result = Problems.From(ex); }
            catch
            {
                log.LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
                result = Results.Problem("The server failed; the error is in its log.", statusCode: 500);
            }
            await result.ExecuteAsync(context);
        }
    }
}
