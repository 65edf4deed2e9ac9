@echo off
rem patchbook: the update of "WFE02" ("Fabrikam Collaboration") to "October 2009 cumulative update".
rem   without arguments: installs this server's packages, then its language template packs, in
rem     plan order (on every server, before any server is configured). A re-run skips what a
rem     package reports as already installed.
rem   with "configure": configures this server when it is its turn, as the command-line
rem     alternative to clicking OK in the Configuration Wizard: use one of the two, never both.
rem Every step is logged in %~n0.log next to this script, each package in a log of its own beside
rem it; the script stops at the first failure, and at the first package it cannot install itself.
setlocal EnableExtensions DisableDelayedExpansion
set "LOG=%~dpn0.log"
set "RESTART="
if /i "%~1"=="configure" goto configure

call :log "Installing on %COMPUTERNAME%"
net start | find /i "World Wide Web Publishing" >nul && (
  net stop w3svc || (call :log "FAILED: net stop w3svc" & exit /b 1)
)
call :log "W3SVC stopped; start it by hand at the end (start-w3svc)"
set PACKAGE="\\fs01\patches\sharepoint\wssv3sp2-kb953338-x64-fullfile-en-us.exe"
call :install || exit /b 1
set PACKAGE="\\fs01\patches\sharepoint\officeserver2007sp2-kb953334-x64-fullfile-en-us.exe"
call :install || exit /b 1
call :log "STOPPED: the catalog does not give the file of the next package. Install these by hand, in this order:"
echo   "Windows SharePoint Services 3.0 language template pack, Service Pack 2, de-de: file name unknown (see the KB article)"
>>"%LOG%" echo   "Windows SharePoint Services 3.0 language template pack, Service Pack 2, de-de: file name unknown (see the KB article)"
echo   "Office SharePoint Server 2007 language template pack, Service Pack 2, de-de: file name unknown (see the KB article)"
>>"%LOG%" echo   "Office SharePoint Server 2007 language template pack, Service Pack 2, de-de: file name unknown (see the KB article)"
echo   "Windows SharePoint Services 3.0 language template pack, Service Pack 2, fr-fr: file name unknown (see the KB article)"
>>"%LOG%" echo   "Windows SharePoint Services 3.0 language template pack, Service Pack 2, fr-fr: file name unknown (see the KB article)"
echo   "Office SharePoint Server 2007 language template pack, Service Pack 2, fr-fr: file name unknown (see the KB article)"
>>"%LOG%" echo   "Office SharePoint Server 2007 language template pack, Service Pack 2, fr-fr: file name unknown (see the KB article)"
echo   "Windows SharePoint Services 3.0, October 2009 cumulative update, global: wss-kb975002-fullfile-x64-glb.exe"
>>"%LOG%" echo   "Windows SharePoint Services 3.0, October 2009 cumulative update, global: wss-kb975002-fullfile-x64-glb.exe"
echo   "Office SharePoint Server 2007, October 2009 cumulative update, global: office-kb975731-fullfile-x64-glb.exe"
>>"%LOG%" echo   "Office SharePoint Server 2007, October 2009 cumulative update, global: office-kb975731-fullfile-x64-glb.exe"
if defined RESTART call :log "A package asked for a restart: restart this server before it is configured."
exit /b 2

:configure
rem Only where the wizard was not used on this server, and only once the previous server has finished.
call :log "Configuring %COMPUTERNAME%"
cd /d "%COMMONPROGRAMFILES%\Microsoft Shared\Web server extensions\12\BIN" || exit /b 1
psconfig -cmd upgrade -inplace b2b -wait
if errorlevel 1 (call :log "FAILED: psconfig exit code %ERRORLEVEL%; read Upgrade.log" & exit /b 1)
call :log "Configuration finished; verify this server before the next one"
exit /b 0

:install
rem PACKAGE holds a quoted path; it is echoed directly, never passed through call, which would
rem expand a percent sign in it again. The package's own log is named after its file.
for %%F in (%PACKAGE%) do set "PACKAGELOG=%~dpn0-%%~nF.log"
if not exist %PACKAGE% (
  echo FAILED: no such file: %PACKAGE%
  >>"%LOG%" echo %DATE% %TIME% FAILED: no such file: %PACKAGE%
  exit /b 1
)
echo Installing %PACKAGE%
>>"%LOG%" echo %DATE% %TIME% Installing %PACKAGE%
start "" /wait %PACKAGE% /log:"%PACKAGELOG%"
set "RC=%ERRORLEVEL%"
if "%RC%"=="0" exit /b 0
rem Exit codes of 2007 update packages (Office 2007 Resource Kit); 3010 is Windows Installer's.
if "%RC%"=="17022" (set "RESTART=1" & call :log "Installed; a restart is needed (17022)" & exit /b 0)
if "%RC%"=="3010" (set "RESTART=1" & call :log "Installed; a restart is needed (3010)" & exit /b 0)
if "%RC%"=="17025" (call :log "Skipped: already installed (17025)" & exit /b 0)
set "WHY=see the package's log"
if "%RC%"=="17026" set "WHY=already installed to the administrative installation"
if "%RC%"=="17028" set "WHY=no product on this server that the package updates: is this the right package?"
if "%RC%"=="17029" set "WHY=the patch failed to install"
if "%RC%"=="17031" set "WHY=detection found an invalid baseline"
if "%RC%"=="17034" set "WHY=the patch does not apply to this server"
if "%RC%"=="17301" set "WHY=a detection error"
if "%RC%"=="17302" set "WHY=an error applying the patch"
if "%RC%"=="17303" set "WHY=an error extracting a file"
echo FAILED: exit code %RC%: %WHY%; log: "%PACKAGELOG%"
>>"%LOG%" echo %DATE% %TIME% FAILED: exit code %RC%: %WHY%; log: "%PACKAGELOG%"
exit /b 1

:log
echo %~1
>>"%LOG%" echo %DATE% %TIME% %~1
exit /b 0
