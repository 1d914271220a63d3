import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to what a team read shows or who may read it (a team, its members, its workspace, a member's
 * externalUserId) sends a notification on `team_changes` when its transaction commits. Each app process keeps a cache
 * of team snapshots and drops the named entries when it hears one, so a write in any process, the CLI or plain SQL
 * (cascades included) reaches every replica's cache. Payloads: `team:<id>`, `workspace:<id>`, `all`.
 */
export class AddTeamChangeNotifications1796481407074 implements MigrationInterface {
  name = 'AddTeamChangeNotifications1796481407074';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // NOTIFY folds identical payloads within a transaction, so a bulk insert of members sends one.
    await queryRunner.query(`
      CREATE FUNCTION notify_team_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'team_members' THEN
          IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('team_changes', 'team:' || OLD.team_id); END IF;
          IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('team_changes', 'team:' || NEW.team_id); END IF;
        ELSIF TG_TABLE_NAME = 'teams' THEN
          PERFORM pg_notify('team_changes', 'team:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        ELSIF TG_TABLE_NAME = 'workspaces' THEN
          PERFORM pg_notify('team_changes', 'workspace:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        ELSE
          PERFORM pg_notify('team_changes', 'all');
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER team_members_notify_change AFTER INSERT OR UPDATE OR DELETE ON team_members
        FOR EACH ROW EXECUTE FUNCTION notify_team_change()`);
    await queryRunner.query(`
      CREATE TRIGGER teams_notify_change AFTER UPDATE OR DELETE ON teams
        FOR EACH ROW EXECUTE FUNCTION notify_team_change()`);
    await queryRunner.query(`
      CREATE TRIGGER workspaces_notify_change AFTER UPDATE OR DELETE ON workspaces
        FOR EACH ROW EXECUTE FUNCTION notify_team_change()`);
    // Token requests upsert users with the same externalUserId; only a real change matters.
    await queryRunner.query(`
      CREATE TRIGGER users_notify_change AFTER UPDATE OF external_user_id ON users
        FOR EACH ROW WHEN (OLD.external_user_id IS DISTINCT FROM NEW.external_user_id) EXECUTE FUNCTION notify_team_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_notify_change ON users`);
    await queryRunner.query(`DROP TRIGGER workspaces_notify_change ON workspaces`);
    await queryRunner.query(`DROP TRIGGER teams_notify_change ON teams`);
    await queryRunner.query(`DROP TRIGGER team_members_notify_change ON team_members`);
    await queryRunner.query(`DROP FUNCTION notify_team_change()`);
  }
}
