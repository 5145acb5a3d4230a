/**
 * Whether a collaborator-permission answer means write access: role write, maintain
 * or admin. A custom role counts by the base permission it extends; a standard role by
 * itself. Both must agree, so that an inconsistent answer fails closed.
 */
import type { CollaboratorPermission } from '../../ports/forge.ts';

const WRITE_ROLES = new Set(['admin', 'maintain', 'write']);
const STANDARD_ROLES = new Set([...WRITE_ROLES, 'triage', 'read', 'none']);

export function hasWriteAccess(permission: CollaboratorPermission): boolean {
  const role = permission.roleName.toLowerCase();
  const roleAllows = STANDARD_ROLES.has(role) ? WRITE_ROLES.has(role) : true;
  return roleAllows && (permission.permission === 'admin' || permission.permission === 'write');
}

/** How to name the access in messages: `read`, or `auditor (based on read)` for a custom role. */
export function describeAccess(permission: CollaboratorPermission): string {
  const role = permission.roleName.toLowerCase();
  if (role === 'none') return 'no access';
  return STANDARD_ROLES.has(role)
    ? `${role} access`
    : `${permission.roleName} access (based on ${permission.permission})`;
}
