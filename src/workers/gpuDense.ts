/// <reference types="@webgpu/types" />
import type { DenseEpochTrainer, DenseSpec } from '../core/models/mlp/dense/types';
import { createWebGpuDenseTrainer } from '../core/models/mlp/dense/webgpu';

/** What an adapter says about itself (GPUAdapterInfo, and the older adapter.isFallbackAdapter). */
export interface AdapterFacts {
  readonly info?: { readonly isFallbackAdapter?: boolean; readonly vendor?: string; readonly architecture?: string; readonly description?: string };
  readonly isFallbackAdapter?: boolean;
}

/**
 * Is this WebGPU adapter a software one? The fallback flag, or a CPU rasteriser by name (Chromium's
 * SwiftShader reports vendor "google", architecture "swiftshader"; Mesa's llvmpipe; Windows' WARP):
 * they run, but train slower than WebAssembly, so training never picks them.
 */
export function isSoftwareAdapter(adapter: AdapterFacts): boolean {
  if (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter) return true;
  const name = [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ');
  return /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|warp/i.test(name);
}

let device: Promise<GPUDevice | null> | null = null;

/** This worker's own device on a hardware adapter (asked for once, again after it is lost), or null. */
function hardwareDevice(): Promise<GPUDevice | null> {
  device ??= (async () => {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
    if (!adapter || isSoftwareAdapter(adapter)) return null;
    // The default 128 MB binding cap would refuse data sets the GPU holds easily: ask for what it has.
    const d = await adapter.requestDevice({
      requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
    });
    void d.lost.then(() => (device = null));
    return d;
  })().catch(() => null);
  return device;
}

/**
 * The fused WebGPU trainer for `spec` on this device's real GPU, or null when there is none after
 * all (the caller then trains on the CPU). The engine hands this to training only when its backend
 * probe chose a hardware WebGPU adapter.
 */
export async function createGpuDenseTrainer(spec: DenseSpec): Promise<DenseEpochTrainer | null> {
  const d = await hardwareDevice();
  return d ? createWebGpuDenseTrainer(d, spec) : null;
}
