// Stand-ins for identifiers an IAM user cannot see. A standalone audit reads root's keys and certificates
// from the credential report, which names slots ("access_key_1"), never IDs; and ListVirtualMFADevices
// lists only virtual devices, so a hardware device or security key is known to exist but not by serial.
// These values never look like real AWS IDs, so no tool can mistake them for one.

export const ACCESS_KEY_SLOT_IDS = ["access_key_1", "access_key_2"] as const;
export const CERTIFICATE_SLOT_IDS = ["cert_1", "cert_2"] as const;
export const HARDWARE_MFA_PLACEHOLDER = "hardware-mfa-serial-not-visible";

export function isPlaceholderId(id: string): boolean {
  return (ACCESS_KEY_SLOT_IDS as readonly string[]).includes(id) || (CERTIFICATE_SLOT_IDS as readonly string[]).includes(id) || id === HARDWARE_MFA_PLACEHOLDER;
}
