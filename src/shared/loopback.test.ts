import { describe, expect, it } from 'vitest';
import { isLoopback, remoteHostOf } from './loopback';

describe('isLoopback', () => {
  it.each([
    'http://localhost:8080',
    'http://LOCALHOST.:8080/v1',
    'http://whisper.localhost',
    'http://127.0.0.1:8080',
    'http://127.8.9.10',
    'http://127.1:9000',
    'http://[::1]:8080/v1',
    'http://[0:0:0:0:0:0:0:1]',
    'http://[::ffff:127.0.0.1]:8080',
  ])('%s is loopback', (url) => expect(isLoopback(url)).toBe(true));

  it.each([
    'https://api.openai.com/v1',
    'http://192.168.1.20:8080',
    'http://10.0.0.1',
    'http://0.0.0.0:8080',
    'http://128.0.0.1',
    'http://127.0.0.1.nip.io',
    'http://localhost.example.com',
    'http://[::2]',
    'http://[::ffff:10.0.0.1]',
    'not a url',
  ])('%s is remote', (url) => expect(isLoopback(url)).toBe(false));
});

describe('remoteHostOf', () => {
  it('names the host of a remote address, and nothing for this machine or no address', () => {
    expect(remoteHostOf('https://api.openai.com/v1')).toBe('api.openai.com');
    expect(remoteHostOf('http://192.168.1.20:8080')).toBe('192.168.1.20:8080');
    expect(remoteHostOf('http://127.0.0.1:11434')).toBeNull();
    expect(remoteHostOf('')).toBeNull();
    expect(remoteHostOf('nonsense')).toBeNull();
  });
});
