/**
 * The sandbox repository code runs in (README "The sandbox"): bubblewrap installed,
 * unprivileged user namespaces allowed (the kernel's switches, and the AppArmor
 * restriction of Ubuntu 23.10 and later), and a real probe of the driver the config
 * asks for. The partial answers are ✗ only when no driver works: systemd-run is the
 * fallback of `sandbox.driver: auto`.
 */
import type { CheckLine, CheckStatus, DoctorCheck, DoctorHost } from '../doctor-check.ts';

const PERSIST = '/etc/sysctl.d/60-greenlight-userns.conf';

interface Finding {
  line: Omit<CheckLine, 'status'>;
  problem: boolean;
}

async function bubblewrap(host: DoctorHost): Promise<Finding> {
  const path = await host.findProgram('bwrap');
  return path === null
    ? {
        problem: true,
        line: {
          label: 'bubblewrap',
          detail: 'bwrap is not installed',
          fix: ['sudo apt-get install bubblewrap (dnf install bubblewrap, pacman -S bubblewrap)'],
        },
      }
    : { problem: false, line: { label: 'bubblewrap', detail: path } };
}

async function userNamespaces(host: DoctorHost): Promise<Finding> {
  const clone = await host.readSysctl('kernel.unprivileged_userns_clone');
  const max = await host.readSysctl('user.max_user_namespaces');
  if (clone === '0')
    return {
      problem: true,
      line: {
        label: 'user namespaces',
        detail: 'unprivileged user namespaces are off (kernel.unprivileged_userns_clone = 0)',
        fix: [
          'sudo sysctl -w kernel.unprivileged_userns_clone=1',
          `to keep it after a reboot: echo kernel.unprivileged_userns_clone=1 | sudo tee ${PERSIST}`,
        ],
      },
    };
  if (max === '0')
    return {
      problem: true,
      line: {
        label: 'user namespaces',
        detail: 'user namespaces are off (user.max_user_namespaces = 0)',
        fix: [
          'sudo sysctl -w user.max_user_namespaces=15000',
          `to keep it after a reboot: echo user.max_user_namespaces=15000 | sudo tee ${PERSIST}`,
        ],
      },
    };
  return {
    problem: false,
    line: {
      label: 'user namespaces',
      detail: `allowed${max === null ? '' : ` (user.max_user_namespaces = ${max})`}`,
    },
  };
}

async function appArmor(host: DoctorHost): Promise<Finding> {
  const restricted = await host.readSysctl('kernel.apparmor_restrict_unprivileged_userns');
  if (restricted === '1')
    return {
      problem: true,
      line: {
        label: 'apparmor',
        detail:
          'AppArmor restricts unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns = 1, the Ubuntu 24.04 default)',
        fix: [
          'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
          `to keep it after a reboot: echo kernel.apparmor_restrict_unprivileged_userns=0 | sudo tee ${PERSIST}`,
          'or allow bwrap alone: an AppArmor profile for /usr/bin/bwrap with the `userns` permission (see README "The sandbox")',
        ],
      },
    };
  return {
    problem: false,
    line: {
      label: 'apparmor',
      detail:
        restricted === null
          ? 'no AppArmor user-namespace restriction on this kernel'
          : 'user namespaces not restricted',
    },
  };
}

export const sandboxCheck: DoctorCheck = {
  id: 'sandbox',
  async run({ host, state }) {
    const { driver } = state.config.sandbox;
    const findings = [await bubblewrap(host), await userNamespaces(host), await appArmor(host)];
    if (driver === 'none') {
      return [
        ...findings.map((f): CheckLine => ({ label: f.line.label, detail: f.line.detail, status: 'skip' })),
        {
          label: 'sandbox',
          status: 'warn',
          detail:
            'sandbox.driver is none: repository and generated code run WITHOUT isolation, with your files and network',
          fix: ['remove sandbox.driver: none from .github/greenlight.yml where bubblewrap or systemd-run works'],
        },
      ];
    }
    const bwrap = driver === 'systemd-run' ? null : await host.probeSandbox('bwrap');
    const systemd = driver === 'bwrap' || bwrap?.ok === true ? null : await host.probeSandbox('systemd-run');
    const works = bwrap?.ok === true || systemd?.ok === true;
    const partial = (problem: boolean): CheckStatus => (!problem ? 'ok' : works ? 'warn' : 'fail');
    const lines: CheckLine[] = findings.map((f) => {
      const status = partial(f.problem);
      return status === 'ok' ? { label: f.line.label, detail: f.line.detail, status } : { ...f.line, status };
    });
    if (bwrap?.ok === true)
      lines.push({ label: 'sandbox', status: 'ok', detail: 'bwrap works here: tests run isolated, network off' });
    else if (systemd?.ok === true)
      lines.push({
        label: 'sandbox',
        status: 'ok',
        detail: `systemd-run works here${bwrap === null ? '' : ` (bwrap does not: ${bwrap.reason})`}: tests run in a transient unit with cgroup limits`,
      });
    else {
      const reasons = [bwrap, systemd].filter((p) => p !== null && !p.ok).map((p) => (p as { reason: string }).reason);
      lines.push({
        label: 'sandbox',
        status: 'fail',
        detail: `no sandbox works here${driver === 'auto' ? '' : ` (sandbox.driver: ${driver})`}: ${reasons.join('; ')}`,
        fix: [
          'fix the lines above so that bwrap works, or run where systemd runs and sudo works (GitHub-hosted runners)',
          'or, knowingly, sandbox.driver: none in .github/greenlight.yml (no isolation; reported as a warning)',
        ],
      });
    }
    return lines;
  },
};
