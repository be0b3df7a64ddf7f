# Setup shared by the Pester files that work in local mode (dot-source it in BeforeAll, call Restore-LocalStoreSetup in
# AfterAll): the built module, examples/config.json, the session's user as the cmdlets record it, and one scratch
# directory outside the repository for everything written to disk, with a fresh data directory per Describe.
$script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
Import-Module (Join-Path $Root 'out/ChangeMgmt') -Force
Import-Module (Join-Path $PSScriptRoot 'MotoServer.psm1') -Force

$script:User = "$([Environment]::UserName)@$([Environment]::MachineName)".ToLowerInvariant()
$script:SavedEnv = @{}
foreach ($name in 'CHANGEMGMT_DATA_DIR', 'CHANGEMGMT_CONFIG') { $SavedEnv[$name] = [Environment]::GetEnvironmentVariable($name) }
$env:CHANGEMGMT_CONFIG = Join-Path $Root 'examples/config.json'
$script:Scratch = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "changemgmt-pester-$([Guid]::NewGuid().ToString('n'))")).FullName

# A new directory under the scratch directory holding these files (name = text), e.g. @{ 'q4.pdf' = '%PDF-1.4' }.
function New-Folder([hashtable] $Files = @{}) {
    $dir = (New-Item -ItemType Directory -Path (Join-Path $Scratch ([Guid]::NewGuid().ToString('n')))).FullName
    foreach ($file in $Files.GetEnumerator()) { Set-Content -Path (Join-Path $dir $file.Key) -Value $file.Value -NoNewline }
    $dir
}

# A fresh local store for the current Describe.
function Use-FreshStore { $env:CHANGEMGMT_DATA_DIR = New-Folder }

# The environment as it was, the module unloaded, the scratch directory removed.
function Restore-LocalStoreSetup {
    Restore-Environment $SavedEnv
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $Scratch -Recurse -Force -ErrorAction SilentlyContinue
}
