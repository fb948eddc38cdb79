// A person's picture wherever they appear (header, feed, offers, profiles): their profile's
// image, or their initials on a tinted disc when they have none. Decorative beside their name,
// so its alternative text is empty unless it stands alone.
import styles from "./avatar.module.css";

type AvatarProps = {
  name: string;
  fullName?: string | null | undefined;
  image?: string | null | undefined;
  size?: "small" | "large";
  /** True when no name is shown beside it: then it names the person itself. */
  standalone?: boolean;
};

export function initials(name: string, fullName?: string | null) {
  const words = (fullName?.trim() || name).split(/[\s_.-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0] ?? "?"];
  return letters
    .map((word) => Array.from(word ?? "?")[0] ?? "?")
    .join("")
    .toUpperCase();
}

export function Avatar({ name, fullName, image, size = "small", standalone = false }: AvatarProps) {
  const label = standalone ? fullName?.trim() || name : "";
  const className = `${styles.avatar} ${size === "large" ? styles.large : styles.small}`;
  if (image) {
    // Profile images are any http(s) URL their owner chose, so Next's optimiser (which needs an
    // allow-list of hosts) does not apply.
    // biome-ignore lint/performance/noImgElement: see above
    return <img className={className} src={image} alt={label} referrerPolicy="no-referrer" />;
  }
  if (standalone) {
    return (
      <span className={className} role="img" aria-label={label}>
        {initials(name, fullName)}
      </span>
    );
  }
  return (
    <span className={className} aria-hidden="true">
      {initials(name, fullName)}
    </span>
  );
}
