namespace XenBundle.Provisioning;

/// <summary>
/// How the Dom0 scripts tell virt-install 0.x from 2.0 and later: one shell function that
/// setup.sh --check and virt-install.sh both carry, so that the check announces the command
/// line virt-install.sh will really pick.
/// </summary>
internal static class VirtInstallVersion
{
    /// <summary>
    /// <c>virt_install_generation</c>: sets VIRT_INSTALL_MAJOR and VIRT_INSTALL_VERSION (what
    /// --version answered; empty where virt-install has no --version), or returns 1 with the
    /// answer in VIRT_INSTALL_ANSWER when neither --version nor --help tells.
    /// </summary>
    public const string Function = """
        # Which virt-install this is: sets VIRT_INSTALL_MAJOR, and VIRT_INSTALL_VERSION to what
        # --version answers (empty where it has none); returns 1 when nothing tells.
        # (Not every script reads VIRT_INSTALL_VERSION: a Xen guest's virt-install.sh does not.)
        # shellcheck disable=SC2034
        virt_install_generation() {
            local answer
            VIRT_INSTALL_VERSION=""
            answer=$("$VIRT_INSTALL" --version 2>&1 | head -n 1) || true
            VIRT_INSTALL_ANSWER=$answer
            VIRT_INSTALL_MAJOR=${answer%%.*}
            case $VIRT_INSTALL_MAJOR in
                '' | *[!0-9]*) ;;
                *) VIRT_INSTALL_VERSION=$answer; return 0 ;;
            esac
            # No EL5 virt-install has --version: python-virtinst added it after 0.500.0
            # (first released in 0.500.1), so an EL5 one answers with a usage error and
            # --help decides. Every python-virtinst's usage line asks for --ram RAM
            # (current ones: --memory MB), and up to 0.400.3 --help lists --file-size.
            if "$VIRT_INSTALL" --help 2>&1 | grep -q -e '--ram RAM' -e --file-size; then
                VIRT_INSTALL_MAJOR=0
                return 0
            fi
            return 1
        }
        """;
}
