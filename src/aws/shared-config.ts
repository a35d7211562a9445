// The settings of the selected profile in the shared config files (~/.aws/config and ~/.aws/credentials, or
// AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), read with the SDK's own loader so that profile names and
// file locations mean what they mean to the SDK's credential chain.
import { getProfileName, loadSharedConfigFiles } from "./sdk/smithy-config.js";

export interface ProfileSettings {
  /** --profile, else AWS_PROFILE, else "default". */
  name: string;
  region?: string;
  caBundle?: string;
}

export async function profileSettings(profile: string | undefined): Promise<ProfileSettings> {
  const name = getProfileName(profile ? { profile } : {});
  // Unreadable or missing files count as empty, as they do for the SDK; an unknown profile is reported by
  // the credential chain, which names it.
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const section = { ...credentialsFile[name], ...configFile[name] };
  return {
    name,
    ...(section.region ? { region: section.region } : {}),
    ...(section.ca_bundle ? { caBundle: section.ca_bundle } : {}),
  };
}
