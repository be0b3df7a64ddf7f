#Requires -Version 7.4
# The deployment packages of build.ps1 Package, shared with bench/coldstart and the Pester tests:
# the server published for Lambda (linux-x64, under the AWS Lambda Web Adapter) in one of the measured
# variants, zipped with Unix modes; the Lambda@Edge sign-in bundle; the portal's files.

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem

# How the server can be published for Lambda. SelfContained and ReadyToRun map to dotnet publish; Properties
# are further MSBuild properties (TieredPGO lands in runtimeconfig.json; LambdaTrimmed: see the csproj).
# Caveat: why a variant cannot be the package whatever it measures.
$fdCaveat = 'needs a .NET runtime on the machine; provided.al2023 has none'
$ServerVariants = [ordered]@{
    'fd'             = @{ SelfContained = $false; ReadyToRun = $false; Properties = @{}; Description = 'framework-dependent'; Caveat = $fdCaveat }
    'fd-r2r'         = @{ SelfContained = $false; ReadyToRun = $true; Properties = @{}; Description = 'framework-dependent, ReadyToRun'; Caveat = $fdCaveat }
    'sc'             = @{ SelfContained = $true; ReadyToRun = $false; Properties = @{}; Description = 'self-contained' }
    'sc-r2r'         = @{ SelfContained = $true; ReadyToRun = $true; Properties = @{}; Description = 'self-contained, ReadyToRun' }
    'sc-r2r-nopgo'   = @{ SelfContained = $true; ReadyToRun = $true; Properties = @{ TieredPGO = 'false' }; Description = 'self-contained, ReadyToRun, TieredPGO off' }
    'sc-r2r-wks'     = @{
        SelfContained = $true; ReadyToRun = $true; Properties = @{ ServerGarbageCollection = 'false'; ConcurrentGarbageCollection = 'false' }
        Description = 'self-contained, ReadyToRun, workstation non-concurrent GC'
    }
    'sc-r2r-wks-nopgo' = @{
        SelfContained = $true; ReadyToRun = $true; Properties = @{ ServerGarbageCollection = 'false'; ConcurrentGarbageCollection = 'false'; TieredPGO = 'false' }
        Description = 'self-contained, ReadyToRun, workstation non-concurrent GC, TieredPGO off'
    }
    'aot'            = @{
        SelfContained = $true; ReadyToRun = $false; Properties = @{ PublishAot = 'true'; ServerGarbageCollection = 'false'; ConcurrentGarbageCollection = 'false' }
        Description = 'Native AOT, workstation non-concurrent GC (one native executable; trim/AOT analysis warnings are errors)'
    }
    'sc-r2r-trimmed' = @{
        SelfContained = $true; ReadyToRun = $true; Properties = @{ LambdaTrimmed = 'true' }; Description = 'self-contained, ReadyToRun, framework trimmed (partial)'
        Caveat = 'not trim-safe: the trim analysis flags the reflection-based JSON of Core and the server'
    }
}

# Lambda's limits for a .zip package: 50 MB zipped when uploaded directly (larger ones through S3, as
# deploy/msp.yaml does), 250 MB unzipped including layers; Lambda@Edge viewer-request functions: 1 MB zipped.
$LambdaLimits = [pscustomobject]@{ DirectUploadZipBytes = 50MB; UnzippedBytes = 250MB; EdgeViewerZipBytes = 1MB }

$ServerExecutable = 'ChangeMgmt.Lambda'

function Get-ServerVariant {
    [CmdletBinding()]
    param([string[]] $Name = @($ServerVariants.Keys))
    foreach ($n in $Name) {
        if (-not $ServerVariants.Contains($n)) { throw "Unknown server variant '$n' (known: $($ServerVariants.Keys -join ', '))." }
        $v = $ServerVariants[$n]
        [pscustomobject]@{
            Name = $n; Description = $v.Description; SelfContained = $v.SelfContained; ReadyToRun = $v.ReadyToRun; Properties = $v.Properties
            NativeAot = $v.Properties['PublishAot'] -eq 'true'
            Caveat = if ($v.Contains('Caveat')) { $v.Caveat } else { $null }
        }
    }
}

function Publish-LambdaServer {
    <# dotnet publish lambda/ChangeMgmt.Lambda for linux-x64 as the Lambda package wants it, into an emptied OutputPath. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [pscustomobject] $Variant,
        [Parameter(Mandatory)] [string] $OutputPath,
        [string] $Configuration = 'Release'
    )
    if (Test-Path $OutputPath) { Remove-Item $OutputPath -Recurse -Force }
    $arguments = @(
        'publish', (Join-Path $Root 'lambda/ChangeMgmt.Lambda/ChangeMgmt.Lambda.csproj'),
        '-c', $Configuration, '-r', 'linux-x64', '--self-contained', "$($Variant.SelfContained)".ToLowerInvariant(),
        '-p:LambdaPackage=true', "-p:PublishReadyToRun=$("$($Variant.ReadyToRun)".ToLowerInvariant())",
        '-o', $OutputPath, '--nologo', '-v', 'q'
    )
    foreach ($p in $Variant.Properties.GetEnumerator()) { $arguments += "-p:$($p.Key)=$($p.Value)" }
    & dotnet @arguments | Out-Host   # shown, not returned
    if ($LASTEXITCODE -ne 0) { throw "dotnet publish of the server ($($Variant.Name)) failed with exit code $LASTEXITCODE." }
    # Native AOT: the executable is the whole server (no .dll). Its stripped symbols (.dbg, 90 MB) and the libraries'
    # .pdb files (of IL that is not in the package) stay out.
    $required = if ($Variant.NativeAot) { 'bootstrap', $ServerExecutable } else { 'bootstrap', $ServerExecutable, "$ServerExecutable.dll" }
    foreach ($file in $required) {
        if (-not (Test-Path (Join-Path $OutputPath $file))) { throw "The server's publish output lacks $file." }
    }
    if ($Variant.NativeAot) { Get-ChildItem $OutputPath -File | Where-Object Extension -in '.dbg', '.pdb' | Remove-Item }
}

function Copy-ServerConfig {
    <# The deployment's config.json and the SESConfig.json beside it, to <PublishDir>/config/ (what bootstrap passes). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $PublishDir, [Parameter(Mandatory)] [string] $ConfigPath)
    $config = (Resolve-Path $ConfigPath).Path
    $ses = Join-Path (Split-Path $config) 'SESConfig.json'
    if (-not (Test-Path $ses)) { throw "No SESConfig.json beside $config (the server reads it from there)." }
    $target = New-Item -ItemType Directory -Path (Join-Path $PublishDir 'config') -Force
    Copy-Item $config (Join-Path $target 'config.json')
    Copy-Item $ses (Join-Path $target 'SESConfig.json')
}

function Copy-TimeZoneData {
    <#
    The IANA time zone database, to <PublishDir>/zoneinfo/: the provided.al2023 image may have none, and
    changes are validated and shown in their IANA zone. bootstrap points TZDIR there when the system has none.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $PublishDir, [string] $Source = '/usr/share/zoneinfo')
    if (-not (Test-Path (Join-Path $Source 'Europe/London'))) { throw "No time zone database at $Source (Debian package tzdata)." }
    $target = Join-Path $PublishDir 'zoneinfo'
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    New-Item -ItemType Directory -Path $target | Out-Null
    # right/ (leap-second variants), posix/ (links to the same files) and localtime (this machine's zone) are not needed.
    Get-ChildItem $Source | Where-Object Name -notin 'right', 'posix', 'localtime' | Copy-Item -Destination $target -Recurse
}

function New-DeployZip {
    <#
    Zips a directory's files (sorted, fixed timestamps: the same input gives the same bytes) with Unix modes in
    the external attributes: 0755 for the -Executable names, 0644 for the rest (whatever the modes on disk: Lambda
    runs as another user, so everything must be world-readable, and only the executables executable).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $DestinationPath,
        [string[]] $Executable = @()
    )
    $source = (Resolve-Path $Path).Path
    if (Test-Path $DestinationPath) { Remove-Item $DestinationPath -Force }
    $stamp = [DateTimeOffset]::new(2000, 1, 1, 0, 0, 0, [TimeSpan]::Zero)
    $zip = [IO.Compression.ZipFile]::Open($DestinationPath, [IO.Compression.ZipArchiveMode]::Create)
    try {
        $files = Get-ChildItem $source -Recurse -File | Sort-Object { [IO.Path]::GetRelativePath($source, $_.FullName) } -CaseSensitive
        foreach ($file in $files) {
            $name = [IO.Path]::GetRelativePath($source, $file.FullName) -replace '\\', '/'
            $mode = if ($Executable -contains $name) { 0x81ED } else { 0x81A4 }   # S_IFREG | 0755, S_IFREG | 0644
            $entry = $zip.CreateEntry($name, [IO.Compression.CompressionLevel]::Optimal)
            $entry.ExternalAttributes = $mode -shl 16
            $entry.LastWriteTime = $stamp
            $out = $entry.Open()
            try {
                $in = [IO.File]::OpenRead($file.FullName)
                try { $in.CopyTo($out) } finally { $in.Dispose() }
            }
            finally { $out.Dispose() }
        }
    }
    finally { $zip.Dispose() }
    Get-Item $DestinationPath
}

function Get-ZipSummary {
    <# Zipped and unzipped bytes, entries (name, Unix mode, length) and the base64 SHA-256 CloudFormation's CodeSha256 wants. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path)
    $zip = [IO.Compression.ZipFile]::OpenRead((Resolve-Path $Path).Path)
    try {
        $entries = foreach ($e in $zip.Entries) {
            [pscustomobject]@{ Name = $e.FullName; Mode = ($e.ExternalAttributes -shr 16) -band 0xFFF; Length = $e.Length }
        }
    }
    finally { $zip.Dispose() }
    $hash = [Convert]::ToBase64String([Security.Cryptography.SHA256]::HashData([IO.File]::ReadAllBytes((Resolve-Path $Path).Path)))
    [pscustomobject]@{
        Path          = (Resolve-Path $Path).Path
        ZipBytes      = (Get-Item $Path).Length
        UnzippedBytes = [long]($entries | Measure-Object Length -Sum).Sum
        Sha256        = $hash
        Entries       = @($entries)
    }
}

function Expand-DeployZip {
    <# Unzips as Lambda does, applying the Unix modes stored in the zip. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $DestinationPath)
    New-Item -ItemType Directory -Path $DestinationPath -Force | Out-Null
    $zip = [IO.Compression.ZipFile]::OpenRead((Resolve-Path $Path).Path)
    try {
        foreach ($e in $zip.Entries) {
            $target = Join-Path $DestinationPath $e.FullName
            New-Item -ItemType Directory -Path (Split-Path $target) -Force | Out-Null
            [IO.Compression.ZipFileExtensions]::ExtractToFile($e, $target, $true)
            $mode = ($e.ExternalAttributes -shr 16) -band 0x1FF
            if ($mode -ne 0) { [IO.File]::SetUnixFileMode($target, [IO.UnixFileMode]$mode) }
        }
    }
    finally { $zip.Dispose() }
}

function New-ServerPackage {
    <# Publishes the server (one variant), adds the deployment's config and zips it. Returns the zip's summary. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [pscustomobject] $Variant,
        [Parameter(Mandatory)] [string] $ConfigPath,
        [Parameter(Mandatory)] [string] $PublishPath,
        [Parameter(Mandatory)] [string] $DestinationPath,
        [string] $Configuration = 'Release'
    )
    Publish-LambdaServer -Root $Root -Variant $Variant -OutputPath $PublishPath -Configuration $Configuration
    Copy-ServerConfig -PublishDir $PublishPath -ConfigPath $ConfigPath
    Copy-TimeZoneData -PublishDir $PublishPath
    New-DeployZip -Path $PublishPath -DestinationPath $DestinationPath -Executable 'bootstrap', $ServerExecutable | Out-Null
    Get-ZipSummary $DestinationPath
}

function New-EdgePackage {
    <#
    Builds the Lambda@Edge sign-in function (lambda/edge-auth: esbuild bundle with the configuration inlined)
    and zips index.js + package.json ({"type": "commonjs"}); handler index.handler. Fails over 1 MB zipped.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Root,
        [Parameter(Mandatory)] [string] $EdgeConfigPath,
        [Parameter(Mandatory)] [string] $StagingPath,
        [Parameter(Mandatory)] [string] $DestinationPath
    )
    $edge = Join-Path $Root 'lambda/edge-auth'
    # npm ci when node_modules is missing or older than the lock file (test.sh runs npm ci there anyway).
    $installed = Join-Path $edge 'node_modules/.package-lock.json'
    if (-not (Test-Path $installed) -or [IO.File]::GetLastWriteTimeUtc($installed) -lt [IO.File]::GetLastWriteTimeUtc((Join-Path $edge 'package-lock.json'))) {
        & npm ci --prefix $edge --no-audit --no-fund | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "npm ci in lambda/edge-auth failed with exit code $LASTEXITCODE." }
    }
    if (Test-Path $StagingPath) { Remove-Item $StagingPath -Recurse -Force }
    New-Item -ItemType Directory -Path $StagingPath | Out-Null
    $previous = $env:EDGE_CONFIG
    try {
        $env:EDGE_CONFIG = (Resolve-Path $EdgeConfigPath).Path
        & node (Join-Path $edge 'build.mjs') --outfile (Join-Path $StagingPath 'index.js') | Out-Host
        if ($LASTEXITCODE -ne 0) { throw "The edge function's build refused $EdgeConfigPath (exit code $LASTEXITCODE); see its message above." }
    }
    finally { $env:EDGE_CONFIG = $previous }
    # build.mjs writes package.json beside the bundle; write it here too so the zip does not depend on that.
    Set-Content -Path (Join-Path $StagingPath 'package.json') -Value '{ "type": "commonjs" }' -NoNewline
    New-DeployZip -Path $StagingPath -DestinationPath $DestinationPath | Out-Null
    $summary = Get-ZipSummary $DestinationPath
    if ($summary.ZipBytes -ge $LambdaLimits.EdgeViewerZipBytes) {
        throw "$DestinationPath is $($summary.ZipBytes) bytes: a Lambda@Edge viewer-request function must stay under 1 MB zipped."
    }
    $summary
}

function Copy-Portal {
    <# The portal's static files as they are (web/), for aws s3 sync. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [string] $DestinationPath)
    if (Test-Path $DestinationPath) { Remove-Item $DestinationPath -Recurse -Force }
    Copy-Item (Join-Path $Root 'web') $DestinationPath -Recurse
    $files = Get-ChildItem $DestinationPath -Recurse -File
    [pscustomobject]@{ Path = (Resolve-Path $DestinationPath).Path; Files = $files.Count; Bytes = [long]($files | Measure-Object Length -Sum).Sum }
}

# ------------------------------------------------------------------ running a package as Lambda would

$ProbeSource = @'
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

/// <summary>
/// Starts a process and polls its HTTP endpoints (each attempt with a short timeout, a few milliseconds
/// apart) until each answers 200, timing from just before the start: what Lambda's cold start waits for.
/// </summary>
public static class ChangeMgmtServerProbe
{
    public sealed class Result
    {
        public double[] Milliseconds;
        public string[] Bodies;
        /// <summary>The server's CPU time (user + system, all threads) when the last path answered: its share of
        /// the cold start that contention on a shared machine does not inflate.</summary>
        public double CpuMilliseconds;
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try { return ((IPEndPoint)listener.LocalEndpoint).Port; } finally { listener.Stop(); }
    }

    /// <param name="paths">polled in this order, each until it answers 200 (tokens[i]: its bearer token, or empty).</param>
    public static Result Run(ProcessStartInfo start, int port, string[] paths, string[] tokens, int timeoutMs)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new Queue<string>();
        DataReceivedEventHandler keep = (_, e) => { if (e.Data == null) return; lock (output) { output.Enqueue(e.Data); if (output.Count > 40) output.Dequeue(); } };
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(250), UseProxy = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start);
        process.OutputDataReceived += keep;
        process.ErrorDataReceived += keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var result = new Result { Milliseconds = new double[paths.Length], Bodies = new string[paths.Length] };
            for (var i = 0; i < paths.Length; i++)
            {
                while (true)
                {
                    if (process.HasExited) throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Tail(output)}");
                    if (clock.ElapsedMilliseconds > timeoutMs) throw new TimeoutException($"No 200 from {paths[i]} within {timeoutMs} ms:\n{Tail(output)}");
                    var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{paths[i]}");
                    if (!string.IsNullOrEmpty(tokens[i])) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens[i]);
                    try
                    {
                        using var response = http.Send(request);
                        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            result.Milliseconds[i] = clock.Elapsed.TotalMilliseconds;
                            result.Bodies[i] = body;
                            break;
                        }
                        // Listening but refusing (401, 404, 500): waiting longer will not change it.
                        throw new InvalidOperationException($"{paths[i]} answered {(int)response.StatusCode}: {body}\n{Tail(output)}");
                    }
                    catch (HttpRequestException) { }        // not listening yet
                    catch (TaskCanceledException) { }       // attempt timed out
                    Thread.Sleep(5);                        // the poll interval
                }
            }
            result.CpuMilliseconds = process.TotalProcessorTime.TotalMilliseconds;
            return result;
        }
        finally
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
        }
    }

    private static string Tail(Queue<string> output) { lock (output) return string.Join("\n", output); }
}
'@

function New-AwsModeConfig {
    <# A copy of a config.json (and its SESConfig.json) with an auth section whose secret comes from $SecretEnv. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $ConfigPath, [Parameter(Mandatory)] [string] $DestinationDirectory, [string] $SecretEnv = 'CHANGEMGMT_SESSION_SECRET')
    New-Item -ItemType Directory -Path $DestinationDirectory -Force | Out-Null
    $config = Get-Content -Raw $ConfigPath | ConvertFrom-Json -AsHashtable
    $config['auth'] = @{ session_secret_env = $SecretEnv }
    $target = Join-Path $DestinationDirectory 'config.json'
    $config | ConvertTo-Json -Depth 32 | Set-Content $target
    Copy-Item (Join-Path (Split-Path (Resolve-Path $ConfigPath).Path) 'SESConfig.json') $DestinationDirectory
    $target
}

function New-SessionToken {
    <# A session token as the edge function issues it: JWT HS256, iss changemgmt-edge, aud changemgmt-api. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Secret, [string] $User = 'bench', [string[]] $Roles = @('admin'), [int] $ValidSeconds = 900)
    $b64url = { param([byte[]] $bytes) [Convert]::ToBase64String($bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
    $header = @{ alg = 'HS256'; typ = 'JWT' } | ConvertTo-Json -Compress
    $payload = [ordered]@{
        iss = 'changemgmt-edge'; aud = 'changemgmt-api'; sub = $User; name = "Bench $User"; email = "$User@msp.example"
        roles = $Roles; iat = $now - 60; nbf = $now - 60; exp = $now + $ValidSeconds; jti = [Guid]::NewGuid().ToString('n')
    } | ConvertTo-Json -Compress
    $unsigned = "$(& $b64url ([Text.Encoding]::UTF8.GetBytes($header))).$(& $b64url ([Text.Encoding]::UTF8.GetBytes($payload)))"
    $signature = [Security.Cryptography.HMACSHA256]::HashData([Convert]::FromBase64String($Secret), [Text.Encoding]::ASCII.GetBytes($unsigned))
    "$unsigned.$(& $b64url $signature)"
}

function Measure-ServerStart {
    <#
    Starts <TaskRoot>/bootstrap as Lambda does (LAMBDA_TASK_ROOT, AWS_LAMBDA_FUNCTION_NAME, AWS_LWA_PORT, region,
    credentials; AWS endpoints pointed at a closed local port) with --config $ConfigPath after it (the last
    --config wins), and times the first 200 of each path. Returns Milliseconds and Bodies, one per path, and
    CpuMilliseconds, the server's CPU time by then.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $TaskRoot,
        [Parameter(Mandatory)] [string] $ConfigPath,
        [Parameter(Mandatory)] [string] $Secret,
        [string[]] $Path = @('/api/health'),
        [string[]] $Token = @(),
        [string] $CpuSet,
        [int] $TimeoutSeconds = 60,
        [hashtable] $Environment = @{}
    )
    if (-not ('ChangeMgmtServerProbe' -as [type])) { Add-Type -TypeDefinition $ProbeSource }
    $port = [ChangeMgmtServerProbe]::FreePort()
    $bootstrap = Join-Path $TaskRoot 'bootstrap'
    $start = if ($CpuSet) { [Diagnostics.ProcessStartInfo]::new('taskset') } else { [Diagnostics.ProcessStartInfo]::new($bootstrap) }
    if ($CpuSet) { $start.ArgumentList.Add('-c'); $start.ArgumentList.Add($CpuSet); $start.ArgumentList.Add($bootstrap) }
    $start.ArgumentList.Add('--config'); $start.ArgumentList.Add($ConfigPath)
    $start.WorkingDirectory = $TaskRoot
    $variables = @{
        LAMBDA_TASK_ROOT = $TaskRoot; AWS_LAMBDA_FUNCTION_NAME = 'changemgmt-coldstart'; AWS_LWA_PORT = "$port"
        AWS_REGION = 'us-east-1'; AWS_ACCESS_KEY_ID = 'AKIDCOLDSTART'; AWS_SECRET_ACCESS_KEY = 'coldstart'
        AWS_ENDPOINT_URL = 'http://127.0.0.1:9'; AWS_EC2_METADATA_DISABLED = 'true'; CHANGEMGMT_SESSION_SECRET = $Secret
        # As the API function is deployed (AWS mode refuses --function all).
        CHANGEMGMT_FUNCTION = 'api'
    }
    foreach ($e in $Environment.GetEnumerator()) { $variables[$e.Key] = $e.Value }
    foreach ($v in $variables.GetEnumerator()) { $start.Environment[$v.Key] = $v.Value }
    $tokens = foreach ($i in 0..($Path.Count - 1)) { if ($i -lt $Token.Count) { $Token[$i] } else { '' } }
    $result = [ChangeMgmtServerProbe]::Run($start, $port, $Path, [string[]]@($tokens), $TimeoutSeconds * 1000)
    [pscustomobject]@{ Milliseconds = $result.Milliseconds; Bodies = $result.Bodies; CpuMilliseconds = $result.CpuMilliseconds }
}

Export-ModuleMember -Variable LambdaLimits, ServerExecutable -Function @(
    'Get-ServerVariant', 'Publish-LambdaServer', 'Copy-ServerConfig', 'New-DeployZip', 'Get-ZipSummary', 'Expand-DeployZip', 'New-ServerPackage',
    'New-EdgePackage', 'Copy-Portal', 'New-AwsModeConfig', 'New-SessionToken', 'Measure-ServerStart')
