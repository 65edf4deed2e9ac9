# patchbook: checks that this server of 'Fabrikam Collaboration' shows 'October 2009 cumulative update'.
# Run on each server after the Configuration Wizard: powershell -ExecutionPolicy Bypass -File verify.ps1
# With -OutFile FILE it also writes what it read as JSON, the verify.json that patchbook check reads.
# Exit code 0 when every value matches, 1 otherwise. The checks run on PowerShell 1.0 and later;
# powershell -File, -ExecutionPolicy and -OutFile need PowerShell 2.0 (Windows Management Framework).
param([string]$OutFile)
$ErrorActionPreference = 'Stop'
$failed = 0
$dllVersion = $null; $dllExpected = $null
$registryKey = $null; $registryName = $null; $registryData = $null; $registryExpected = $null

function Check($what, $actual, $expected) {
    # Information only: a check the catalog gives no value for is never a failure.
    if ($expected -eq $null) { Write-Host ("INFO {0}: {1} (the catalog gives no value to expect)" -f $what, $actual); return }
    if ("$actual" -eq $expected) { Write-Host ("OK   {0}: {1}" -f $what, $actual) }
    else { Write-Host ("FAIL {0}: {1}, expected {2}" -f $what, $actual, $expected); $script:failed = 1 }
}

# 32-bit PowerShell on a 64-bit server reports x86 here and the real architecture in PROCESSOR_ARCHITEW6432.
$arch = 'x86'
if ($env:PROCESSOR_ARCHITECTURE -eq 'AMD64' -or $env:PROCESSOR_ARCHITEW6432 -eq 'AMD64') { $arch = 'x64' }
if ($arch -eq 'x86') {
    # A missing key or file is a finding to report, not a reason to stop the script.
    $item = Get-ItemProperty -Path ('Registry::' + 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\OSERVER') -ErrorAction SilentlyContinue
    $value = 'not found'
    if ($item) { $value = $item.'DisplayVersion' }
    $registryKey = 'HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\OSERVER'; $registryName = 'DisplayVersion'; $registryData = $value; $registryExpected = $null
    Check ('Registry ' + 'DisplayVersion') $value $registryExpected
}
if ($arch -eq 'x64') {
    # A missing key or file is a finding to report, not a reason to stop the script.
    $item = Get-ItemProperty -Path ('Registry::' + 'HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Uninstall\OSERVER') -ErrorAction SilentlyContinue
    $value = 'not found'
    if ($item) { $value = $item.'DisplayVersion' }
    $registryKey = 'HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Microsoft\Windows\CurrentVersion\Uninstall\OSERVER'; $registryName = 'DisplayVersion'; $registryData = $value; $registryExpected = $null
    Check ('Registry ' + 'DisplayVersion') $value $registryExpected
}
# 32-bit PowerShell on a 64-bit server sees the 32-bit Common Files folder; SharePoint's is the 64-bit
# one. Windows 7 and Server 2008 R2 name it in CommonProgramW6432; before them, drop ' (x86)'.
$common = $env:CommonProgramFiles
if ($env:CommonProgramW6432) { $common = $env:CommonProgramW6432 }
elseif ($env:PROCESSOR_ARCHITEW6432) { $common = $common -replace ' \(x86\)', '' }
$dll = Join-Path $common 'Microsoft Shared\Web server extensions\12\ISAPI\Microsoft.SharePoint.Portal.dll'
$file = Get-Item $dll -ErrorAction SilentlyContinue
$version = 'not found: ' + $dll
if ($file) { $version = $file.VersionInfo.FileVersion }
$dllVersion = $version; $dllExpected = '12.0.6520.5000'
Check 'Microsoft.SharePoint.Portal.dll' $version $dllExpected

# PowerShell 2.0 has no ConvertTo-Json: each string is written out with JSON's escapes.
function JsonString($text) {
    if ($text -eq $null) { return 'null' }
    $out = New-Object System.Text.StringBuilder
    [void]$out.Append('"')
    foreach ($c in ([string]$text).ToCharArray()) {
        $code = [int]$c
        if ($code -eq 34) { [void]$out.Append('\"') }
        elseif ($code -eq 92) { [void]$out.Append('\\') }
        elseif ($code -lt 32) { [void]$out.Append(('\u{0:x4}' -f $code)) }
        else { [void]$out.Append($c) }
    }
    [void]$out.Append('"')
    return $out.ToString()
}

if ($OutFile) {
    $result = 'passed'
    if ($failed) { $result = 'failed' }
    $lines = @(
        '{',
        ('  "patchbook": 1,'),
        ('  "server": ' + (JsonString $env:COMPUTERNAME) + ','),
        ('  "architecture": ' + (JsonString $arch) + ','),
        ('  "portalDll": { "version": ' + (JsonString $dllVersion) + ', "expected": ' + (JsonString $dllExpected) + ' },'),
        ('  "registry": { "key": ' + (JsonString $registryKey) + ', "value": ' + (JsonString $registryName) + ', "data": ' + (JsonString $registryData) + ', "expected": ' + (JsonString $registryExpected) + ' },'),
        ('  "result": ' + (JsonString $result)),
        '}'
    )
    # A relative path is the current folder's, as typed; UTF-8 without a byte-order mark.
    $path = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutFile)
    [System.IO.File]::WriteAllText($path, ([string]::Join("`r`n", $lines) + "`r`n"), (New-Object System.Text.UTF8Encoding $false))
    Write-Host ("Wrote {0}" -f $path)
}
exit $failed
