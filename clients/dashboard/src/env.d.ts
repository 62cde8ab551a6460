// The SDK (type-checked from its sources) passes `duplex: 'half'` for streamed uploads, as
// Node's fetch requires; the DOM lib's RequestInit does not list it yet (browsers accept it).
interface RequestInit {
  duplex?: 'half';
}
