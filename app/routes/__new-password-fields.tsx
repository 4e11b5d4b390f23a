// The "new password, twice" pair shared by the reset, invitation and account forms.
import { TextField } from "#app/components/forms";
import { useT } from "#app/components/i18n";
import { PASSWORD_MIN } from "#app/utils/password";

type Meta = React.ComponentProps<typeof TextField>["meta"];

export function NewPasswordFields({ password, confirm }: { password: Meta; confirm: Meta }) {
  const t = useT();
  return (
    <>
      <TextField
        meta={password}
        label={t("account.newPassword")}
        hint={t("account.passwordHint", { min: PASSWORD_MIN })}
        type="password"
        autoComplete="new-password"
      />
      <TextField meta={confirm} label={t("account.confirmPassword")} type="password" autoComplete="new-password" />
    </>
  );
}
