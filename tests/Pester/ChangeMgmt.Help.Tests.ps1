#Requires -Modules Pester
# Help for every exported command (issue 4): generated at build from module/help/en-US/*.md.
BeforeDiscovery {
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $root 'out/ChangeMgmt') -Force
    $script:Commands = @(Get-Command -Module ChangeMgmt -CommandType Cmdlet | Sort-Object Name | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $script:Root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:ModulePath = Join-Path $Root 'out/ChangeMgmt'
    Import-Module $ModulePath -Force
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
    function Get-Text($Value) { (@($Value) | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n" }
}

AfterAll {
    Remove-Module ChangeMgmt -ErrorAction SilentlyContinue
}

Describe 'Built help files' {
    It 'lays out the MAML named after the cmdlets assembly, and the about topic' {
        Test-Path (Join-Path $ModulePath 'en-US/ChangeMgmt.Cmdlets.dll-Help.xml') | Should -BeTrue
        Test-Path (Join-Path $ModulePath 'en-US/about_ChangeMgmt.help.txt') | Should -BeTrue
    }

    It 'writes well-formed MAML with one command:command per exported cmdlet' {
        $xml = [xml](Get-Content (Join-Path $ModulePath 'en-US/ChangeMgmt.Cmdlets.dll-Help.xml') -Raw)
        $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $names = $xml.SelectNodes('//command:command/command:details/command:name', $ns) | ForEach-Object InnerText | Sort-Object
        $names | Should -Be ((Get-Command -Module ChangeMgmt -CommandType Cmdlet).Name | Sort-Object)
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $Commands {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
    }

    It 'has a synopsis that is not the generated syntax' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis.Trim() | Should -Not -Match "^$([regex]::Escape($Name))(\s|$)"
        $Help.Synopsis | Should -Not -Match '<CommonParameters>'
    }

    It 'has a description' {
        (Get-Text $Help.description).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code and remarks' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code.Trim() | Should -Not -BeNullOrEmpty -Because $example.title
            (Get-Text $example.remarks).Trim() | Should -Not -BeNullOrEmpty -Because $example.title
        }
    }

    It 'describes every parameter that is not a common parameter' {
        $documented = @{}
        foreach ($p in @($Help.parameters.parameter | Where-Object { $_ })) { $documented[$p.name] = (Get-Text $p.description).Trim() }
        $real = $Command.Parameters.Keys | Where-Object { $_ -notin $Common }
        foreach ($p in $real) {
            $documented.ContainsKey($p) | Should -BeTrue -Because "-$p of $Name needs help"
            $documented[$p] | Should -Not -BeNullOrEmpty -Because "-$p of $Name needs a description"
        }
    }

    It 'shows its synopsis, description and examples in the rendered -Full text' {
        $text = $Help | Out-String -Width 200
        $text | Should -Match 'SYNOPSIS'
        $text | Should -Match ([regex]::Escape($Help.Synopsis.Trim()))
        $text | Should -Match 'Example 2'
    }
}

Describe 'Parameter metadata in help' {
    It 'reports -Customer of Get-ChangeMgmtCustomer as positional, pipeline and wildcard input' {
        $p = (Get-Help Get-ChangeMgmtCustomer -Parameter Customer)
        $p.position | Should -Be '0'
        $p.pipelineInput | Should -Match 'ByValue'
        $p.pipelineInput | Should -Match 'ByPropertyName'
        $p.globbing | Should -Be 'true'
    }
}

Describe 'Syntax, online help and manifest links (issue 17)' {
    It 'shows -WhatIf and -Confirm in the SYNTAX of every cmdlet that supports them, and no generic type names' {
        foreach ($command in Get-Command -Module ChangeMgmt -CommandType Cmdlet) {
            $syntax = Get-Help $command.Name | Select-Object -ExpandProperty syntax | Out-String -Width 1000
            $syntax | Should -Not -Match '`1' -Because "$($command.Name) syntax: $syntax"
            if ($command.Parameters.ContainsKey('WhatIf')) {
                $syntax | Should -Match '\[-WhatIf\]' -Because $command.Name
                $syntax | Should -Match '\[-Confirm\]' -Because $command.Name
            }
        }
        (Get-Help Approve-ChangeRequest | Select-Object -ExpandProperty syntax | Out-String -Width 1000) | Should -Match '-Version <Int32>'
    }

    It 'opens the cmdlet''s page with Get-Help -Online' {
        $bin = Join-Path ([IO.Path]::GetTempPath()) ('changemgmt-browser-' + [Guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory $bin | Out-Null
        $opened = Join-Path $bin 'opened.txt'
        # The browser .NET starts on Linux (xdg-open) records the URL it was given: written aside, then moved into
        # place, so the file appears whole (a redirection creates it empty first, and a loaded machine shows that).
        Set-Content (Join-Path $bin 'xdg-open') "#!/bin/sh`necho `"`$1`" > '$opened.part' && mv '$opened.part' '$opened'"
        chmod +x (Join-Path $bin 'xdg-open')
        $path = $env:PATH
        try {
            $env:PATH = "$bin$([IO.Path]::PathSeparator)$path"
            Get-Help Remove-SesContact -Online
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (-not (Test-Path $opened) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 } # waiting for the started process
            Get-Content $opened | Should -Be 'https://github.com/changemgmt/changemgmt/blob/main/module/help/en-US/Remove-SesContact.md'
        }
        finally {
            $env:PATH = $path
            Remove-Item $bin -Recurse -Force
        }
    }

    It 'names the project and licence in the manifest' {
        $manifest = Import-PowerShellDataFile (Join-Path $Root 'ChangeMgmt.psd1')
        $manifest.PrivateData.PSData.ProjectUri | Should -Be 'https://github.com/changemgmt/changemgmt'
        $manifest.PrivateData.PSData.LicenseUri | Should -Be 'https://github.com/changemgmt/changemgmt/blob/main/LICENSE'
    }
}

Describe 'about_ChangeMgmt' {
    It 'is found by Get-Help and names every cmdlet of the module' {
        $text = Get-Help about_ChangeMgmt | Out-String
        $text | Should -Match 'about_ChangeMgmt'
        foreach ($name in (Get-Command -Module ChangeMgmt -CommandType Cmdlet).Name) {
            $text | Should -Match ([regex]::Escape($name)) -Because "about_ChangeMgmt should mention $name"
        }
        $text | Should -Match 'CHANGEMGMT_CONFIG'
    }
}
