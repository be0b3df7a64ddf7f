using System.Diagnostics;

namespace ChangeMgmt.Server.Tests;

/// <summary>
/// How the tests start the server: <c>dotnet ChangeMgmt.Lambda.dll</c> from this build's output, or, when
/// <see cref="ExecutableVariable"/> names one, a published server executable (the Lambda package's, ReadyToRun or
/// Native AOT), so that the same tests prove a published build end to end.
/// </summary>
internal static class ServerCommand
{
    public const string ExecutableVariable = "CHANGEMGMT_SERVER_EXE";

    /// <summary>Tests that need no local mode carry <c>[Trait(ModeTrait, "aws")]</c>: the ones build.ps1 Test also runs against the Lambda package's executable.</summary>
    public const string ModeTrait = "Mode";

    /// <summary>The server with <paramref name="args"/>, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var executable = Environment.GetEnvironmentVariable(ExecutableVariable);
        var start = string.IsNullOrEmpty(executable)
            ? new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ChangeMgmt.Lambda.dll") } }
            : new ProcessStartInfo(Path.GetFullPath(executable));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return start;
    }
}
