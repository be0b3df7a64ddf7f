using ChangeMgmt.Lambda.Endpoints;
using Microsoft.AspNetCore.Diagnostics;

namespace ChangeMgmt.Lambda.Hosting;

/// <summary>
/// Domain exceptions as problem details (<see cref="Problems.From"/>); anything else is a logged 500. A request the
/// caller aborted never gets here: the exception handler middleware answers it 499 itself.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var result = Problems.From(exception);
        if (result is null)
        {
            log.LogError(exception, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            result = TypedResults.Problem("The server failed; the error is in its log.", statusCode: StatusCodes.Status500InternalServerError);
        }
        await result.ExecuteAsync(context);
        return true;
    }
}
