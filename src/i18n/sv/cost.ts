/** Swedish strings for the cost feature. */
export const cost = {
  placeholder: '',
};
