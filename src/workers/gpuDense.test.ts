import { describe, expect, it } from 'vitest';
import { isSoftwareAdapter } from './gpuDense';

describe('isSoftwareAdapter (training never picks a software WebGPU adapter)', () => {
  it('knows the fallback flag, new and old', () => {
    expect(isSoftwareAdapter({ info: { isFallbackAdapter: true, vendor: 'nvidia' } })).toBe(true);
    expect(isSoftwareAdapter({ isFallbackAdapter: true })).toBe(true);
  });

  it('knows CPU rasterisers by name when the flag is missing', () => {
    // What headless Chromium's SwiftShader adapter reports (seen with --enable-unsafe-webgpu).
    expect(isSoftwareAdapter({ info: { vendor: 'google', architecture: 'swiftshader', description: '' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'microsoft', description: 'Microsoft Basic Render Driver' } })).toBe(true);
  });

  it('takes real GPUs as hardware', () => {
    expect(isSoftwareAdapter({ info: { isFallbackAdapter: false, vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H200' } })).toBe(false);
    expect(isSoftwareAdapter({ info: { vendor: 'apple', architecture: 'metal-3' } })).toBe(false);
    expect(isSoftwareAdapter({ info: { vendor: 'intel', architecture: 'gen-12lp' } })).toBe(false);
  });
});
