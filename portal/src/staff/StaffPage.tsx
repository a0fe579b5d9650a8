import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../common/api';
import { Field, Labelled } from '../common/Field';
import { AdminResult } from './AdminResult';
import { useAdminList } from './use-admin-list';

const ROLES = ['admin', 'reviewer', 'technician', 'finance'] as const;
type Role = (typeof ROLES)[number];

interface Member {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: 'invited' | 'active' | 'deactivated';
}

function RoleSelect({ label, value, onChange }: { label: string; value: Role; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  return (
    <Labelled label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`staff.roles.${role}`)}
            </option>
          ))}
        </select>
      )}
    </Labelled>
  );
}

function MemberRow({ member, onChange }: { member: Member; onChange: (call: Promise<unknown>, done: string) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState(member.role);
  const [confirming, setConfirming] = useState(false);
  const closed = member.status === 'deactivated';
  return (
    <li className="card stack" aria-label={member.email}>
      <p>
        <strong>{member.displayName}</strong> — {member.email} — {t(`staffAdmin.status.${member.status}`)}
      </p>
      {!closed && (
        <div className="row">
          <RoleSelect label={t('staffAdmin.roleOf', { email: member.email })} value={role} onChange={setRole} />
          <button
            type="button"
            className="button"
            onClick={() =>
              onChange(api('POST', `/api/staff/admin/staff/${member.id}/role`, { role }), t('settings.saved'))
            }
          >
            {t('staffAdmin.saveRole')}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="button button--danger"
                onClick={() =>
                  onChange(
                    api('POST', `/api/staff/admin/staff/${member.id}/deactivate`, {}),
                    t('staffAdmin.deactivated', { email: member.email }),
                  )
                }
              >
                {t('staffAdmin.confirmDeactivate', { email: member.email })}
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                {t('staff.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('staffAdmin.deactivate')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Staff accounts: one per person, invited by an emailed link; roles changed and accounts deactivated here. */
export function StaffPage() {
  const { t } = useTranslation();
  const list = useAdminList<Member>('/api/staff/admin/staff');
  const [invite, setInvite] = useState({ email: '', displayName: '', role: 'reviewer' as Role });
  return (
    <section aria-labelledby="staff-admin-title" className="stack">
      <h1 id="staff-admin-title" className="console-title">
        {t('staffAdmin.title')}
      </h1>
      <AdminResult status={list.status} error={list.error} />
      <form
        className="card stack"
        aria-label={t('staffAdmin.invite')}
        onSubmit={(e) => {
          e.preventDefault();
          list.change(api('POST', '/api/staff/admin/staff', invite), t('staffAdmin.invited', { email: invite.email }));
          setInvite({ ...invite, email: '', displayName: '' });
        }}
      >
        <h2>{t('staffAdmin.invite')}</h2>
        <p>{t('staffAdmin.inviteExplain')}</p>
        <Field
          label={t('email')}
          type="email"
          value={invite.email}
          onChange={(e) => setInvite({ ...invite, email: e.target.value })}
          required
        />
        <Field
          label={t('setup.admin.displayName')}
          value={invite.displayName}
          onChange={(e) => setInvite({ ...invite, displayName: e.target.value })}
          required
        />
        <RoleSelect
          label={t('staffAdmin.role')}
          value={invite.role}
          onChange={(role) => setInvite({ ...invite, role })}
        />
        <button type="submit" className="button button--primary">
          {t('staffAdmin.sendInvite')}
        </button>
      </form>
      <ul className="stack">
        {list.items?.map((member) => (
          <MemberRow key={`${member.id}:${member.role}:${member.status}`} member={member} onChange={list.change} />
        ))}
      </ul>
    </section>
  );
}
