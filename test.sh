#!/usr/bin/env bash
# Runs every test: restore, build (warnings are errors), then all test projects.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build ChangeMgmt.slnx -c Release
dotnet test ChangeMgmt.slnx -c Release --no-build
