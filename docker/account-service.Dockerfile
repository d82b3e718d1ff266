# account-service in Quarkus's JVM layout. Build the project first (./mvnw package -DskipTests), then: docker compose -f docker/compose.yaml up
FROM eclipse-temurin:17-jre
WORKDIR /deployments
COPY account-service/target/quarkus-app/lib/ lib/
COPY account-service/target/quarkus-app/*.jar ./
COPY account-service/target/quarkus-app/app/ app/
COPY account-service/target/quarkus-app/quarkus/ quarkus/
EXPOSE 8081
USER 185
ENV JAVA_OPTS="-Xmx512m" AXONIQ_UPDATE_CHECKER_DISABLED=true
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8081/q/health/ready || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
