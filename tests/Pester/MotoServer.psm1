# moto for the Pester tests: one server on a free loopback port, started in a clean environment.

function Start-MotoServer {
    <#
    .SYNOPSIS
        Starts python3 -m moto.server on a free loopback port and waits until it answers; returns Url, Process and Log.
    #>
    param([Parameter(Mandatory)] [string] $LogDirectory)
    $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $url = "http://127.0.0.1:$port"
    $log = Join-Path $LogDirectory "moto-$port.log"
    # moto gets a clean environment: what earlier test files set in this process (AWS_*, …) must not change it.
    $process = Start-Process env -ArgumentList '-i', "PATH=$env:PATH", "HOME=$HOME", 'python3', '-m', 'moto.server', '-H', '127.0.0.1', '-p', $port -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ($true) {
        try { Invoke-WebRequest "$url/moto-api/" -TimeoutSec 2 | Out-Null; break }
        catch { if ([DateTime]::UtcNow -gt $deadline -or $process.HasExited) { throw "moto did not start: $(Get-Content "$log.err" -Raw)" } }
        Start-Sleep -Milliseconds 200 # polling a process for readiness, not synchronising test steps
    }
    [pscustomobject]@{ Url = $url; Process = $process; Log = $log }
}

Export-ModuleMember -Function Start-MotoServer
