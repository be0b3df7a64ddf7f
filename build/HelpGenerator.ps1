#Requires -Version 7.4
<#
.SYNOPSIS
    Converts the module's markdown help (platyPS style) into MAML and about_ text help.
.DESCRIPTION
    Reads module/help/<culture>/*.md: one <Cmdlet>.md per exported cmdlet (sections SYNOPSIS,
    SYNTAX (ignored: syntax comes from the real cmdlet), DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS,
    OUTPUTS, NOTES, RELATED LINKS) and about_*.md topics. Imports the built module, checks every
    exported cmdlet against its markdown (synopsis, description, at least two examples, every
    non-common parameter documented, no parameter the cmdlet lacks), and writes
    <OutputPath>/<RootModule>-Help.xml and <OutputPath>/about_*.help.txt.
    Every gap found is reported, naming the cmdlet; then the script fails (exit code 1).
    Run it in a fresh pwsh process: it imports the module it documents.
.EXAMPLE
    pwsh -NoProfile -File build/HelpGenerator.ps1 -SourcePath module/help/en-US -ModulePath out/ChangeMgmt -OutputPath out/ChangeMgmt/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SourcePath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $OutputPath,
    # Where Get-Help -Online goes: <OnlineBase>/<Cmdlet>.md (the first related link of every cmdlet).
    [string] $OnlineBase = 'https://github.com/changemgmt/changemgmt/blob/main/module/help/en-US'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
# -WhatIf and -Confirm are shown in SYNTAX and PARAMETERS (as PowerShell's own cmdlets show them); the others are <CommonParameters>.
$SyntaxHidden = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
$ShouldProcessHelp = @{
    WhatIf  = @('Shows what would happen if the cmdlet runs. The cmdlet is not run and changes nothing.')
    Confirm = @('Prompts you for confirmation before running the cmdlet (once per target).')
}
# SharedParameters.md documents parameters many cmdlets share; a cmdlet's own markdown wins.
$SharedFileName = 'SharedParameters.md'

function Split-MarkdownSection {
    # Splits lines at headings of the given level (outside code fences): ordered list of @{ Title; Lines }.
    param([string[]] $Lines, [int] $Level)
    $prefix = ('#' * $Level) + ' '
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($prefix)) {
            $current = [pscustomobject]@{ Title = $line.Substring($prefix.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
        }
        elseif ($null -ne $current) { $current.Lines.Add($line) }
    }
    , $sections
}

function Get-Paragraphs {
    # Prose of a markdown block as paragraphs (blank-line separated); code fences and yaml blocks dropped.
    # List items keep their own lines. Inline markdown: links become "text (url)", emphasis and code marks go.
    param([string[]] $Lines)
    $paras = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $inFence = $false
    $flush = {
        if ($buffer.Count -gt 0) { $paras.Add(($buffer -join "`n")); $buffer.Clear() }
    }
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence; . $flush; continue }
        if ($inFence) { continue }
        if ([string]::IsNullOrWhiteSpace($line)) { . $flush; continue }
        $text = ConvertFrom-InlineMarkdown $line.Trim()
        if ($buffer.Count -gt 0 -and $text -notmatch '^([-*]|\d+\.)\s') {
            # A continuation line joins the previous line of its paragraph or list item.
            $buffer[$buffer.Count - 1] += ' ' + $text
        }
        else { $buffer.Add($text) }
    }
    . $flush
    , $paras
}

function ConvertFrom-InlineMarkdown {
    param([string] $Text)
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]*)\)', { param($m) if ($m.Groups[2].Value) { "$($m.Groups[1].Value) ($($m.Groups[2].Value))" } else { $m.Groups[1].Value } })
    $Text = $Text -replace '\*\*([^*]+)\*\*', '$1' -replace '`([^`]+)`', '$1'
    $Text
}

function Get-FencedCode {
    # The first fenced code block of a block: @{ Code; Before; After } (lines before and after it).
    param([string[]] $Lines)
    $start = -1; $end = -1
    for ($i = 0; $i -lt $Lines.Count; $i++) {
        if ($Lines[$i] -match '^\s*```') {
            if ($start -lt 0) { $start = $i } else { $end = $i; break }
        }
    }
    if ($start -lt 0 -or $end -lt 0) { return $null }
    [pscustomobject]@{
        Code   = if ($end -gt $start + 1) { $Lines[($start + 1)..($end - 1)] -join "`n" } else { '' }
        Before = if ($start -gt 0) { $Lines[0..($start - 1)] } else { @() }
        After  = if ($end -lt $Lines.Count - 1) { $Lines[($end + 1)..($Lines.Count - 1)] } else { @() }
    }
}

function Read-CommandMarkdown {
    param([string] $Path)
    $lines = Get-Content -LiteralPath $Path
    # Front matter (--- ... ---) is optional and ignored.
    if ($lines.Count -gt 0 -and $lines[0] -eq '---') {
        $close = [Array]::IndexOf($lines, '---', 1)
        if ($close -gt 0) { $lines = $lines[($close + 1)..($lines.Count - 1)] }
    }
    $top = Split-MarkdownSection $lines 1
    $name = if ($top.Count -gt 0) { $top[0].Title } else { [IO.Path]::GetFileNameWithoutExtension($Path) }
    $body = if ($top.Count -gt 0) { $top[0].Lines } else { $lines }
    $sections = @{}
    foreach ($s in (Split-MarkdownSection $body 2)) { $sections[$s.Title.ToUpperInvariant()] = $s.Lines }
    $get = { param($key) if ($sections.ContainsKey($key)) { , [string[]]$sections[$key] } else { , [string[]]@() } }

    $examples = foreach ($e in (Split-MarkdownSection (& $get 'EXAMPLES') 3)) {
        $fenced = Get-FencedCode $e.Lines
        [pscustomobject]@{
            Title   = $e.Title
            Code    = if ($fenced) { $fenced.Code } else { '' }
            Remarks = if ($fenced) { Get-Paragraphs (@($fenced.Before) + @($fenced.After)) } else { Get-Paragraphs $e.Lines }
        }
    }
    $parameters = [ordered]@{}
    $defaults = @{}
    foreach ($p in (Split-MarkdownSection (& $get 'PARAMETERS') 3)) {
        if ($p.Title -eq 'CommonParameters') { continue }
        $pname = $p.Title.TrimStart('-')
        $parameters[$pname] = Get-Paragraphs $p.Lines
        $default = $p.Lines | Where-Object { $_ -match '^Default value:\s*(.*)$' } | Select-Object -First 1
        if ($default -and $default -match '^Default value:\s*(.*)$' -and $Matches[1].Trim() -notin '', 'None') { $defaults[$pname] = $Matches[1].Trim() }
    }
    $typed = {
        param($key)
        foreach ($t in (Split-MarkdownSection (& $get $key) 3)) {
            [pscustomobject]@{ Type = $t.Title; Description = Get-Paragraphs $t.Lines }
        }
    }
    $links = foreach ($line in (& $get 'RELATED LINKS')) {
        if ($line -match '^\s*\[([^\]]+)\]\(([^)]*)\)') { [pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] } }
    }
    [pscustomobject]@{
        Name        = $name
        File        = $Path
        Synopsis    = Get-Paragraphs (& $get 'SYNOPSIS')
        Description = Get-Paragraphs (& $get 'DESCRIPTION')
        Examples    = @($examples)
        Parameters  = $parameters
        Defaults    = $defaults
        Inputs      = @(& $typed 'INPUTS')
        Outputs     = @(& $typed 'OUTPUTS')
        Notes       = Get-Paragraphs (& $get 'NOTES')
        Links       = @($links)
    }
}

function Test-CommandHelp {
    # Every gap between the markdown and the real cmdlet, as messages naming the cmdlet.
    param($Help, [System.Management.Automation.CommandInfo] $Command)
    $n = $Command.Name
    if (-not ($Help.Synopsis -join '').Trim()) { "${n}: no SYNOPSIS ($($Help.File))." }
    if (-not ($Help.Description -join '').Trim()) { "${n}: no DESCRIPTION ($($Help.File))." }
    $examples = @($Help.Examples)
    if ($examples.Count -lt 2) { "${n}: $($examples.Count) example(s) under EXAMPLES; at least 2 are required ($($Help.File))." }
    foreach ($e in $examples) {
        if (-not $e.Code.Trim()) { "${n}: example '$($e.Title)' has no fenced code block." }
        if (-not ($e.Remarks -join '').Trim()) { "${n}: example '$($e.Title)' has no explanation." }
    }
    $real = @($Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters })
    foreach ($p in $real) {
        if (-not $Help.Parameters.Contains($p)) { "${n}: parameter -$p is not documented under PARAMETERS ($($Help.File))." }
        elseif (-not ($Help.Parameters[$p] -join '').Trim()) { "${n}: parameter -$p has no description ($($Help.File))." }
    }
    foreach ($p in $Help.Parameters.Keys) {
        if ($p -notin $real) { "${n}: PARAMETERS documents -$p, which the cmdlet does not have ($($Help.File))." }
    }
}

function Get-TypeDisplayName([type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    if ([Nullable]::GetUnderlyingType($Type)) { return Get-TypeDisplayName ([Nullable]::GetUnderlyingType($Type)) }
    if ($Type.IsArray) { return (Get-TypeDisplayName $Type.GetElementType()) + '[]' }
    $Type.Name
}

function Write-Paragraphs([System.Xml.XmlWriter] $W, [string] $Element, [string[]] $Paragraphs) {
    $W.WriteStartElement('maml', $Element, $script:Ns.maml)
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $script:Ns.maml, $p) }
    $W.WriteEndElement()
}

function Get-ParameterFacts($Command, [string] $Name) {
    $meta = $Command.Parameters[$Name]
    $attrs = @($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
    $pipeline = @()
    if ($attrs | Where-Object ValueFromPipeline) { $pipeline += 'ByValue' }
    if ($attrs | Where-Object ValueFromPipelineByPropertyName) { $pipeline += 'ByPropertyName' }
    $positions = @($attrs | Where-Object { $_.Position -ge 0 } | ForEach-Object Position)
    [pscustomobject]@{
        Name     = $Name
        Type     = Get-TypeDisplayName $meta.ParameterType
        FullType = $meta.ParameterType.FullName
        IsSwitch = $meta.SwitchParameter
        Required = [bool]($attrs | Where-Object Mandatory)
        Position = if ($positions.Count -gt 0) { [string]$positions[0] } else { 'named' }
        Pipeline = if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }
        Globbing = [bool]($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        Aliases  = if ($meta.Aliases.Count) { $meta.Aliases -join ', ' } else { 'none' }
    }
}

function Write-ParameterElement([System.Xml.XmlWriter] $W, $Facts, [string[]] $Description, [string] $Default) {
    $W.WriteStartElement('command', 'parameter', $script:Ns.command)
    $W.WriteAttributeString('required', $Facts.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Facts.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Facts.Pipeline)
    $W.WriteAttributeString('position', $Facts.Position)
    $W.WriteAttributeString('aliases', $Facts.Aliases)
    $W.WriteElementString('maml', 'name', $script:Ns.maml, $Facts.Name)
    if ($null -ne $Description) { Write-Paragraphs $W 'description' $Description }
    if (-not $Facts.IsSwitch) {
        $W.WriteStartElement('command', 'parameterValue', $script:Ns.command)
        $W.WriteAttributeString('required', 'true')
        $W.WriteAttributeString('variableLength', 'false')
        $W.WriteString($Facts.Type)
        $W.WriteEndElement()
    }
    $W.WriteStartElement('dev', 'type', $script:Ns.dev)
    $W.WriteElementString('maml', 'name', $script:Ns.maml, $Facts.FullType)
    $W.WriteEndElement()
    $W.WriteElementString('dev', 'defaultValue', $script:Ns.dev, $(if ($Default) { $Default } else { 'None' }))
    $W.WriteEndElement()
}

function Write-CommandElement([System.Xml.XmlWriter] $W, $Help, $Command) {
    $ns = $script:Ns
    $W.WriteStartElement('command', 'command', $ns.command)
    $W.WriteStartElement('command', 'details', $ns.command)
    $W.WriteElementString('command', 'name', $ns.command, $Command.Name)
    Write-Paragraphs $W 'description' $Help.Synopsis
    $W.WriteElementString('command', 'verb', $ns.command, $Command.Verb)
    $W.WriteElementString('command', 'noun', $ns.command, $Command.Noun)
    $W.WriteEndElement()
    Write-Paragraphs $W 'description' $Help.Description

    $W.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $Command.ParameterSets) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.command)
        $W.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        $ordered = $set.Parameters | Where-Object { $_.Name -notin $SyntaxHidden } |
            Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } }, @{ Expression = { -not $_.IsMandatory } }
        foreach ($p in $ordered) {
            # Mandatory as in this set (-Type of Set-AwsAlternateContact is mandatory in one set only).
            $facts = Get-ParameterFacts $Command $p.Name
            $facts.Required = $p.IsMandatory
            Write-ParameterElement $W $facts $null $null
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($name in $Help.Parameters.Keys) {
        Write-ParameterElement $W (Get-ParameterFacts $Command $name) $Help.Parameters[$name] $Help.Defaults[$name]
    }
    foreach ($name in 'WhatIf', 'Confirm') {
        if ($Command.Parameters.ContainsKey($name)) { Write-ParameterElement $W (Get-ParameterFacts $Command $name) $ShouldProcessHelp[$name] $null }
    }
    $W.WriteEndElement()

    foreach ($kind in @(@('inputTypes', 'inputType', $Help.Inputs), @('returnValues', 'returnValue', $Help.Outputs))) {
        $W.WriteStartElement('command', $kind[0], $ns.command)
        foreach ($t in $kind[2]) {
            $W.WriteStartElement('command', $kind[1], $ns.command)
            $W.WriteStartElement('dev', 'type', $ns.dev)
            $W.WriteElementString('maml', 'name', $ns.maml, $t.Type)
            $W.WriteEndElement()
            Write-Paragraphs $W 'description' $t.Description
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }

    $W.WriteStartElement('maml', 'alertSet', $ns.maml)
    $W.WriteStartElement('maml', 'alert', $ns.maml)
    foreach ($p in $Help.Notes) { $W.WriteElementString('maml', 'para', $ns.maml, $p) }
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $ns.command)
    foreach ($e in $Help.Examples) {
        $W.WriteStartElement('command', 'example', $ns.command)
        $W.WriteElementString('maml', 'title', $ns.maml, "--------- $($e.Title) ---------")
        $W.WriteElementString('dev', 'code', $ns.dev, $e.Code)
        $W.WriteStartElement('dev', 'remarks', $ns.dev)
        foreach ($p in $e.Remarks) { $W.WriteElementString('maml', 'para', $ns.maml, $p) }
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'relatedLinks', $ns.command)
    # The first link is the online version: Get-Help -Online opens it.
    $online = [pscustomobject]@{ Text = 'Online Version:'; Uri = "$OnlineBase/$($Command.Name).md" }
    foreach ($l in @($online) + @($Help.Links | Where-Object Uri -ne $online.Uri)) {
        $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $W.WriteElementString('maml', 'linkText', $ns.maml, $l.Text)
        $W.WriteElementString('maml', 'uri', $ns.maml, $l.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
    $W.WriteEndElement()
}

function ConvertTo-AboutText {
    # about_*.md (# about_Name, ## SECTION, ### Subsection, prose, lists, fenced code) as about_*.help.txt.
    param([string] $Path)
    $out = [System.Text.StringBuilder]::new()
    $inFence = $false
    $paragraph = [System.Collections.Generic.List[string]]::new()
    $flush = {
        if ($paragraph.Count -gt 0) {
            foreach ($l in $paragraph) { [void]$out.AppendLine('    ' + $l) }
            $paragraph.Clear()
        }
    }
    foreach ($line in Get-Content -LiteralPath $Path) {
        if ($line -match '^\s*```') {
            . $flush
            $inFence = -not $inFence
            continue
        }
        if ($inFence) { [void]$out.AppendLine('        ' + $line); continue }
        if ($line -match '^# (.+)$') { . $flush; [void]$out.AppendLine('TOPIC'); [void]$out.AppendLine('    ' + $Matches[1].Trim()); [void]$out.AppendLine(); continue }
        if ($line -match '^## (.+)$') { . $flush; [void]$out.AppendLine($Matches[1].Trim().ToUpperInvariant()); continue }
        if ($line -match '^### (.+)$') { . $flush; [void]$out.AppendLine('  ' + $Matches[1].Trim()); continue }
        if ([string]::IsNullOrWhiteSpace($line)) { . $flush; [void]$out.AppendLine(); continue }
        $text = ConvertFrom-InlineMarkdown $line.Trim()
        if ($paragraph.Count -gt 0 -and $text -notmatch '^([-*]|\d+\.)\s') { $paragraph[$paragraph.Count - 1] += ' ' + $text }
        else { $paragraph.Add($text) }
    }
    . $flush
    # Long joined lines wrap at 100 columns, keeping their indentation.
    $wrapped = foreach ($l in ($out.ToString() -split "`r?`n")) {
        if ($l.Length -le 100 -or $l.StartsWith('        ')) { $l; continue }
        $indent = [regex]::Match($l, '^\s*').Value
        $hang = if ($l.TrimStart() -match '^([-*]|\d+\.)\s') { $indent + '  ' } else { $indent }
        $lineText = $indent
        foreach ($word in ($l.Trim() -split ' ')) {
            if ($lineText.Trim() -and ($lineText.Length + 1 + $word.Length) -gt 100) { $lineText; $lineText = $hang + $word }
            elseif ($lineText.Trim()) { $lineText += ' ' + $word }
            else { $lineText += $word }
        }
        $lineText
    }
    ($wrapped -join [Environment]::NewLine).TrimEnd() + [Environment]::NewLine
}

# --- main ---------------------------------------------------------------------------------
$module = Import-Module (Resolve-Path $ModulePath).Path -Force -PassThru
$commands = @(Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name)
$problems = [System.Collections.Generic.List[string]]::new()
$helps = @{}
$sharedFile = Join-Path $SourcePath $SharedFileName
$shared = if (Test-Path -LiteralPath $sharedFile) { Read-CommandMarkdown $sharedFile } else { $null }
foreach ($command in $commands) {
    $file = Join-Path $SourcePath "$($command.Name).md"
    if (-not (Test-Path -LiteralPath $file)) { $problems.Add("$($command.Name): no help source $file."); continue }
    $help = Read-CommandMarkdown $file
    if ($shared) {
        foreach ($name in @($shared.Parameters.Keys)) {
            if ($command.Parameters.ContainsKey($name) -and -not $help.Parameters.Contains($name)) {
                $help.Parameters[$name] = $shared.Parameters[$name]
                if ($shared.Defaults.ContainsKey($name)) { $help.Defaults[$name] = $shared.Defaults[$name] }
            }
        }
    }
    if ($help.Name -ne $command.Name) { $problems.Add("$($command.Name): $file is titled '$($help.Name)'.") }
    foreach ($gap in @(Test-CommandHelp $help $command)) { $problems.Add($gap) }
    $helps[$command.Name] = $help
}
$exported = $commands.Name
foreach ($md in Get-ChildItem -LiteralPath $SourcePath -Filter *.md) {
    $base = $md.BaseName
    if (-not $base.StartsWith('about_', [StringComparison]::OrdinalIgnoreCase) -and $base -notin $exported -and $md.Name -ne $SharedFileName) {
        $problems.Add("${base}: $($md.FullName) documents a command the module does not export.")
    }
}
$abouts = @(Get-ChildItem -LiteralPath $SourcePath -Filter 'about_*.md')
if (-not ($abouts | Where-Object BaseName -eq "about_$($module.Name)")) { $problems.Add("$($module.Name): no about_$($module.Name).md in $SourcePath.") }
if ($problems.Count -gt 0) {
    foreach ($p in $problems) { [Console]::Error.WriteLine("help: $p") }
    [Console]::Error.WriteLine("help: $($problems.Count) gap(s) in the markdown help of $($module.Name); no help written.")
    exit 1
}

New-Item -ItemType Directory -Path $OutputPath -Force | Out-Null
$script:Ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$assembly = [IO.Path]::GetFileName($module.Path)
$mamlPath = Join-Path $OutputPath "$assembly-Help.xml"
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$writer = [System.Xml.XmlWriter]::Create($mamlPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    $writer.WriteAttributeString('xmlns', 'maml', $null, $Ns.maml)
    $writer.WriteAttributeString('xmlns', 'command', $null, $Ns.command)
    $writer.WriteAttributeString('xmlns', 'dev', $null, $Ns.dev)
    foreach ($command in $commands) { Write-CommandElement $writer $helps[$command.Name] $command }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally { $writer.Dispose() }
# Round trip: the file must parse as XML.
[xml](Get-Content -LiteralPath $mamlPath -Raw) | Out-Null
Write-Host "Help: $mamlPath ($($commands.Count) cmdlets)"

foreach ($about in $abouts) {
    $target = Join-Path $OutputPath "$($about.BaseName).help.txt"
    Set-Content -LiteralPath $target -Value (ConvertTo-AboutText $about.FullName) -NoNewline -Encoding utf8NoBOM
    Write-Host "Help: $target"
}
