// The admin token lives in sessionStorage: it lasts as long as the browser tab, and is never written to disk by
// the console or sent anywhere but this server's admin API.
const TOKEN = 'clientele.adminToken';
const NOTICE = 'clientele.signInNotice';

export const token = () => sessionStorage.getItem(TOKEN);
export const signIn = (value) => sessionStorage.setItem(TOKEN, value);
export function signOut(notice) {
  sessionStorage.removeItem(TOKEN);
  if (notice) sessionStorage.setItem(NOTICE, notice);
}
/** A message for the sign-in form (why the session ended), read once. */
export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  return notice;
}
