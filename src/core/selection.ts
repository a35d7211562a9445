// Which accounts a command works on: all by default, narrowed by --accounts / --ou, minus --exclude.
export interface AccountSelection {
  /** Only these account ids (when given). */
  accounts?: string[];
  /** Only accounts under these OUs, recursively (when given). */
  ous?: string[];
  /** Never these account ids. */
  exclude?: string[];
}

export interface SelectableAccount {
  id: string;
  /** OU ids from the root down to the account's parent. */
  ancestors: string[];
}

export function isSelected(account: SelectableAccount, selection: AccountSelection): boolean {
  if (selection.exclude?.includes(account.id)) return false;
  const byId = selection.accounts && selection.accounts.length > 0;
  const byOu = selection.ous && selection.ous.length > 0;
  if (!byId && !byOu) return true;
  if (byId && selection.accounts!.includes(account.id)) return true;
  if (byOu && account.ancestors.some((ou) => selection.ous!.includes(ou))) return true;
  return false;
}
