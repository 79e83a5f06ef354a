import { type Locator, type Page, expect } from '@playwright/test';

/**
 * The header's Lessons menu and the lesson panel, by accessible names: the menu is a region
 * "Lessons" opened by the button "Lessons"; the panel is the complementary landmark named after
 * the lesson, with Back, Next (Finish on the last step) and Leave lesson.
 */
export class Lessons {
  constructor(private readonly page: Page) {}

  toggle(): Locator {
    return this.page.getByRole('button', { name: 'Lessons', exact: true });
  }

  menu(): Locator {
    return this.page.getByRole('region', { name: 'Lessons' });
  }

  /** Opens the menu (if closed). */
  async openMenu(): Promise<void> {
    if (!(await this.menu().isVisible())) await this.toggle().click();
    await expect(this.menu()).toBeVisible();
  }

  /** Starts a lesson from the menu by its title. */
  async start(title: string): Promise<void> {
    await this.openMenu();
    await this.menu().getByRole('button', { name: `Start ${title}`, exact: true }).click();
    await expect(this.panel(title)).toBeVisible();
  }

  /** The lesson panel of lesson `title`. */
  panel(title: string): Locator {
    return this.page.getByRole('complementary', { name: title });
  }

  /** The step shown: its title (the panel's level-3 heading). */
  stepTitle(title: string): Locator {
    return this.panel(title).getByRole('heading', { level: 3 });
  }

  /** "step N of M" above the lesson's title. */
  counter(title: string): Locator {
    return this.panel(title).getByText(/^Lesson · step \d+ of \d+$/);
  }

  next(title: string): Locator {
    return this.panel(title).getByRole('button', { name: /^(Next|Finish)$/ });
  }

  /** Waits until the step's wait is over (its explanation shows, Next is offered) and presses Next. */
  async nextWhenDone(title: string, timeout = 30_000): Promise<void> {
    await expect(this.next(title)).toHaveAttribute('aria-disabled', 'false', { timeout });
    await this.next(title).click();
  }

  /** The control the step rings on the page. */
  ringed(): Locator {
    return this.page.locator('.lesson-target');
  }
}
