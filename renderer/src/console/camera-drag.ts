// The drag-and-drop contract between the camera tree and the wall mimic: the camera id travels under this type.
export const cameraDragType = 'application/x-tianmu-camera';
