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

function Use-MotoEnvironment {
    <#
    .SYNOPSIS
        Points the process's AWS environment at moto (test keys, us-east-1, no profile, AWS mode) and returns what it
        replaced, for Restore-Environment.
    #>
    param([Parameter(Mandatory)] [string] $Url, [hashtable] $Also = @{})
    $values = @{
        AWS_ENDPOINT_URL = $Url; AWS_ACCESS_KEY_ID = 'testing'; AWS_SECRET_ACCESS_KEY = 'testing'; AWS_SESSION_TOKEN = $null
        AWS_REGION = 'us-east-1'; AWS_PROFILE = $null; CHANGEMGMT_DATA_DIR = $null
    } + $Also
    $saved = @{}
    foreach ($name in $values.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-EnvironmentValue $name $values[$name]
    }
    $saved
}

# Removes the variable for $null: PowerShell passes $null to a .NET string parameter as "", and an empty AWS_REGION or
# AWS_ACCESS_KEY_ID left behind breaks the next process started (moto answers 500).
function Set-EnvironmentValue([string] $Name, $Value) {
    if ($null -eq $Value) { Remove-Item "Env:$Name" -ErrorAction SilentlyContinue }
    else { Set-Item "Env:$Name" $Value }
}

function Restore-Environment {
    <# .SYNOPSIS Sets back the environment variables Use-MotoEnvironment replaced. #>
    param([hashtable] $Saved)
    foreach ($name in $Saved.Keys) { Set-EnvironmentValue $name $Saved[$name] }
}

Export-ModuleMember -Function Start-MotoServer, Use-MotoEnvironment, Restore-Environment, Set-EnvironmentValue
