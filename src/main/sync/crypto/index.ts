export {
  EnvelopeError,
  ENVELOPE_VERSION,
  envelopeAad,
  openEnvelope,
  parseEnvelope,
  sealEnvelope,
  type EnvelopeKind,
  type OpenedEnvelope,
  type ParsedEnvelope,
  type SealOptions,
} from './envelope';
export {
  generateRoomKey,
  generateX25519KeyPair,
  openRoomKey,
  RoomKeyError,
  RoomKeyring,
  sealedRoomKeyEpoch,
  sealRoomKey,
  x25519FromEd25519Secret,
  x25519PublicFromEd25519,
  type KeyListener,
  type X25519KeyPair,
} from './room-keys';
export { EncryptedDocBinding, type CompactResult, type EncryptedDocBindingOptions } from './encrypted-doc';
