/** A reference of a registered schema as the registry lists it: the import name, and the subject@version it names. */
export interface RegistryReference {
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}
