/** The rule lives in shared/camera.ts: the core's commissioning checklist asks it too. */
export { isCamera } from '@shared/camera'
