export { applyAccessPolicy } from './access-policy.ts';
export {
  ANONYMOUS,
  type Caller,
  hasScope,
  isRole,
  isScope,
  isStaffRole,
  ROLE_SCOPES,
  ROLES,
  type Role,
  requireAnyScope,
  requireScope,
  rolesWith,
  SCOPES,
  type Scope,
  STAFF_ROLES,
  type StaffRole,
} from './roles.ts';
