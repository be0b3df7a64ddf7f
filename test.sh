#!/usr/bin/env bash
# Runs every test: PowerShell 7.6.9 (local dotnet tool), build and package the module (warnings are errors),
# then build.ps1 Test: every xunit project (dotnet test ChangeMgmt.slnx) and the Pester tests.
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore
dotnet pwsh -NoProfile -File ./build.ps1 Build
dotnet pwsh -NoProfile -File ./build.ps1 Package
dotnet pwsh -NoProfile -File ./build.ps1 Test
