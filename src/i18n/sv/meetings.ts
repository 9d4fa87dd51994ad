/** Swedish strings for the meetings feature. */
export const meetings = {
  placeholder: '',
};
