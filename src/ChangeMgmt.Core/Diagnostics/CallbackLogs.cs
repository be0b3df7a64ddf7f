using Microsoft.Extensions.Logging;

namespace ChangeMgmt.Core.Diagnostics;

/// <summary>
/// Log output handed to two callbacks (a cmdlet's -Verbose and -Debug streams): information and above
/// to <paramref name="verbose"/>, debug and trace to <paramref name="debug"/>; a null callback is off.
/// The callbacks may be called from any thread.
/// </summary>
public sealed class CallbackLogs(Action<string>? verbose, Action<string>? debug) : ILoggerFactory, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("CallbackLogs writes to its callbacks only.");

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => Sink(logLevel) is not null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (Sink(logLevel) is not { } sink) return;
        var message = formatter(state, exception);
        sink(exception is null ? message : $"{message}: {exception.Message}");
    }

    private Action<string>? Sink(LogLevel level) => level switch
    {
        LogLevel.None => null,
        < LogLevel.Information => debug,
        _ => verbose,
    };

    public void Dispose()
    {
    }
}
